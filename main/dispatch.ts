import { contract, type ChannelName } from '../shared/ipc-contract';
import { fail, ok, type Result } from '../shared/result';
import type { Handlers } from './handler-types';

/**
 * Runs one contract call: unknown channels and inputs that fail the channel's schema are refused before
 * any handler runs, and a handler's exception becomes {ok: false} instead of crossing as a crash.
 */
export async function dispatch(handlers: Handlers, channel: string, input: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, channel)) return fail(`Unknown request "${channel}".`);
  const name = channel as ChannelName;
  const parsed = contract[name].input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(`Invalid request to ${name}: ${issue ? `${issue.path.join('.') || 'input'}: ${issue.message}` : 'bad input'}`);
  }
  try {
    const handler = handlers[name] as (i: unknown) => unknown;
    return ok(await handler(parsed.data));
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
}
