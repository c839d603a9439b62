import { contract, type ChannelName } from '../shared/ipc-contract';
import { fail, ok, type Result } from '../shared/result';
import type { Handlers } from './handler-types';
import { plainErrorMessage } from './security/plain-error';

/**
 * Runs one contract call: unknown channels and inputs that fail the channel's schema are refused before
 * any handler runs, and whatever goes wrong after that comes back as {ok: false} with a plain sentence,
 * never as a rejected call.
 */
export async function dispatch(handlers: Handlers, channel: string, input: unknown): Promise<Result<unknown>> {
  if (typeof channel !== 'string' || !Object.hasOwn(contract, channel)) return fail(`Unknown request "${String(channel).slice(0, 60)}".`);
  const name = channel as ChannelName;
  const checked = checkInput(name, input);
  if (!checked.ok) return checked;
  try {
    const handler = handlers[name] as (i: unknown) => unknown;
    return ok(await handler(checked.value));
  } catch (err) {
    return fail(plainErrorMessage(err));
  }
}

function checkInput(name: ChannelName, input: unknown): Result<unknown> {
  let parsed;
  try {
    parsed = contract[name].input.safeParse(input);
  } catch {
    // zod itself can trip over a hostile value (a `length` that is an object): still a refusal, not a crash.
    return fail(`Invalid request to ${name}: its input is not in the expected form.`);
  }
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue?.path.map((part) => String(part)).join('.').slice(0, 200) || 'input';
  return fail(`Invalid request to ${name}: ${where}: ${issue?.message.slice(0, 300) ?? 'not in the expected form'}`);
}
