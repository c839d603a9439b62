import type { ChannelName, ChannelOutput, ParsedInput } from '../shared/ipc-contract';

/**
 * One service per contract channel. A type of its own so that each domain's handlers (a Pick of it) and
 * the dispatcher import it without importing createHandlers, which imports them.
 */
export type Handlers = {
  [K in ChannelName]: (input: ParsedInput<K>) => ChannelOutput<K> | Promise<ChannelOutput<K>>;
};
