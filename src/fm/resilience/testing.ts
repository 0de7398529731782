/** Helpers for this folder's tests: build an attempt call and run a chain by hand. */
import { FakeClock } from '../../kernel/index.ts';
import type { Provider } from '../types.ts';
import { callProvider } from './provider-call.ts';
import type { EventStream } from './stream.ts';
import { FakeTimers } from './timers.ts';
import type { AttemptCall, AttemptHandler, AttemptMiddleware } from './types.ts';

export function virtualTime(): { clock: FakeClock; timers: FakeTimers } {
  const clock = new FakeClock();
  return { clock, timers: new FakeTimers(clock) };
}

export function makeCall(provider: Provider, overrides: Partial<AttemptCall> = {}): AttemptCall {
  return {
    mode: 'complete',
    provider,
    request: { model: 'm-1', messages: [{ role: 'user', content: 'hi' }], maxTokens: 100 },
    key: `${provider.name}/m-1`,
    signal: new AbortController().signal,
    deadline: Number.MAX_SAFE_INTEGER,
    meter: { attempts: 0, providerWaitMs: 0 },
    ...overrides,
  };
}

/** Nests `middlewares` (outermost first) around the real provider terminal. */
export function chain(clock: FakeClock, ...middlewares: AttemptMiddleware[]): AttemptHandler {
  return middlewares.reduceRight<AttemptHandler>((next, mw) => (call) => mw(call, next), callProvider(clock));
}

export async function collect(stream: EventStream): Promise<string[]> {
  const out: string[] = [];
  for await (const event of stream) out.push(event.type === 'delta' ? event.text : `<done:${event.stopReason}>`);
  return out;
}

/** Like `collect`, but returns what arrived before the error together with the error. */
export async function collectUntilError(stream: EventStream): Promise<{ events: string[]; error: unknown }> {
  const events: string[] = [];
  try {
    for await (const event of stream) events.push(event.type === 'delta' ? event.text : `<done:${event.stopReason}>`);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

export function networkError(code: string): Error {
  return Object.assign(new Error('socket trouble'), { code });
}

export const serverError = (retryAfterMs?: number) =>
  Object.assign(new Error('upstream 503'), { retryable: true, kind: 'server', retryAfterMs });

export const badRequest = () => Object.assign(new Error('upstream 400'), { retryable: false, kind: 'invalid_request' });
