import { dispatch } from '../dispatch';
import type { Handlers } from '../handler-types';

/** Calls a channel the way the window does, through the contract's checks; a refusal throws its message. */
export async function call<T>(handlers: Handlers, channel: string, input?: unknown): Promise<T> {
  const r = await dispatch(handlers, channel, input);
  if (!r.ok) throw new Error(r.error);
  return r.value as T;
}
