/** Helpers for this folder's tests: build an attempt call and run a chain by hand. */
import { FakeClock } from '../../kernel/index.ts';
import { localAttempt } from '../exchange/local.ts';
import { nativeOutput } from '../exchange/output.ts';
import type { LocalProvider } from '../providers/port.ts';
import { callProvider } from './provider-call.ts';
import type { EventStream } from './stream.ts';
import { FakeTimers } from './timers.ts';
import type { AttemptCall, AttemptHandler, AttemptMiddleware } from './types.ts';

export function virtualTime(): { clock: FakeClock; timers: FakeTimers } {
  const clock = new FakeClock();
  return { clock, timers: new FakeTimers(clock) };
}

/** An attempt at model `m-1` of an in-process provider, asking "hi"; `clock` times the provider's waits. */
export function makeCall(provider: LocalProvider, overrides: Partial<AttemptCall> = {}, clock: { now(): number } = Date): AttemptCall {
  const mode = overrides.mode ?? 'complete';
  const meter = overrides.meter ?? { attempts: 0, providerWaitMs: 0 };
  const entry = { alias: 'm', provider: provider.name, modelId: 'm-1', maxTokens: 100, temperature: undefined, topP: undefined, price: null };
  const request = { model: 'm', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }], maxTokens: 100, stream: mode === 'stream' };
  return {
    mode,
    provider,
    source: (signal) =>
      localAttempt(request, provider, { modelId: 'm-1', alias: 'm', provider: provider.name, maxTokens: 100 }, { entry, provider, signal, meter, now: () => clock.now() }, nativeOutput),
    key: `${provider.name}/m-1`,
    signal: new AbortController().signal,
    deadline: Number.MAX_SAFE_INTEGER,
    meter,
    ...overrides,
  };
}

/** Nests `middlewares` (outermost first) around the real provider terminal. */
export function chain(clock: FakeClock, ...middlewares: AttemptMiddleware[]): AttemptHandler {
  return middlewares.reduceRight<AttemptHandler>((next, mw) => (call) => mw(call, next), callProvider(clock));
}

export async function collect(stream: EventStream): Promise<string[]> {
  const out: string[] = [];
  for await (const event of stream) out.push(event.type === 'data' ? event.data : `<done:${event.outcome.stopReason}>`);
  return out;
}

/** Like `collect`, but returns what arrived before the error together with the error. */
export async function collectUntilError(stream: EventStream): Promise<{ events: string[]; error: unknown }> {
  const events: string[] = [];
  try {
    for await (const event of stream) events.push(event.type === 'data' ? event.data : `<done:${event.outcome.stopReason}>`);
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
