import { Agent, fetch } from 'undici';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startGateway, type GatewayHarness } from './harness.ts';
import { parseSse } from './sse.ts';

let h: GatewayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const attemptCodes = (body: { error: { details?: { attempts?: { code: string }[] } } }) => body.error.details?.attempts?.map((a) => a.code);

describe('faults through HTTP', () => {
  it('opens the breaker after consecutive failures, fails fast while open, and recovers with one trial after openMs', async () => {
    h = await startGateway({ fm: { resilience: { retry: { retries: 0 }, breaker: { failureThreshold: 3, openMs: 30_000 } } } });
    h.fake.script({ fault: { type: 'status', status: 503 }, times: 3 });

    const ask = (n: number) => h!.chat({ message: `question ${n}`, model: 'haiku' });
    const failures = [];
    for (let i = 0; i < 3; i++) failures.push(await ask(i));
    const whileOpen = await ask(3);
    const upstreamWhileOpen = h.fake.requests.length;
    h.clock.tick(30_000);
    const trial = await ask(4);
    const after = await ask(5);

    expect(failures.map((r) => [r.statusCode, r.json().error.code, attemptCodes(r.json())?.[0]])).toEqual(Array(3).fill([503, 'FM_UNAVAILABLE', 'FM_PROVIDER_SERVER']));
    expect([whileOpen.statusCode, attemptCodes(whileOpen.json())]).toEqual([503, ['FM_CIRCUIT_OPEN']]);
    expect(whileOpen.headers['retry-after']).toBeDefined();
    expect(upstreamWhileOpen).toBe(3);
    expect([trial.statusCode, after.statusCode]).toEqual([200, 200]);
    expect(h.fake.requests).toHaveLength(5);
  });

  it('falls back to another provider when the first fails, and goes straight there while its circuit is open', async () => {
    h = await startGateway({
      fm: { routing: { fallbacks: { haiku: ['claude'] } }, resilience: { retry: { retries: 0 }, breaker: { failureThreshold: 2, openMs: 30_000 } } },
    });
    h.fake.script({ fault: { type: 'status', status: 500 }, dialect: 'bedrock', times: 2 });

    const first = await h.chat({ message: 'hi', model: 'haiku' });
    await h.chat({ message: 'hi', model: 'haiku' });
    h.fake.reset();
    const open = await h.chat({ message: 'hi', model: 'haiku' });

    expect(first.json()).toMatchObject({ model: 'claude', provider: 'anthropic', fallback_used: true });
    expect(open.json()).toMatchObject({ provider: 'anthropic', fallback_used: true });
    expect(h.fake.requests.map((r) => r.api)).toEqual(['anthropic.messages']);
  });

  it('stops retrying once the retry budget is spent, so an outage does not multiply upstream load', async () => {
    h = await startGateway({
      fm: { resilience: { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 2 }, retryBudget: { minRetries: 2, ratio: 0 }, breaker: { failureThreshold: 100 } } },
    });
    h.fake.script({ fault: { type: 'status', status: 503 } });

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await h.chat({ message: 'hi', model: 'claude' })).statusCode);

    expect(statuses).toEqual([503, 503, 503, 503]);
    // 1 + 2 retries for the first request, then the budget (2 per window) is spent: one attempt each.
    expect(h.fake.requests).toHaveLength(6);
  });

  it('turns an upstream that does not answer in time into a clean error and aborts the upstream call', async () => {
    h = await startGateway({ fm: { resilience: { retry: { retries: 0 }, timeouts: { timeoutMs: 300, firstByteTimeoutMs: 300, idleTimeoutMs: 300 } } } });
    h.fake.script({ fault: { type: 'hang' } });

    const json = await h.chat({ message: 'hi', model: 'claude' });
    const sse = await h.chat({ message: 'hi', model: 'llama' }, { headers: { accept: 'text/event-stream' } });

    expect([json.statusCode, json.json().error.code, attemptCodes(json.json())]).toEqual([503, 'FM_UNAVAILABLE', ['FM_TIMEOUT']]);
    expect([sse.statusCode, sse.headers['content-type']]).toEqual([503, 'application/json; charset=utf-8']);
    await vi.waitFor(() => expect(h!.fake.inFlight).toBe(0), { timeout: 5_000 });
  });

  it('never lets a request outlive the deadline', async () => {
    h = await startGateway({ yaml: 'server:\n  requestTimeoutMs: 400\n' });
    h.fake.script({ latencyMs: 3_000 });

    const res = await h.chat({ message: 'hi', model: 'haiku' });

    expect([res.statusCode, res.json().error.code]).toEqual([504, 'FM_DEADLINE_EXCEEDED']);
  });

  it('ends a stream that breaks after its first bytes with an SSE error event, never a clean end', async () => {
    h = await startGateway();
    const broken = async (model: string, fault: object) => {
      h!.fake.reset();
      h!.fake.script({ reply: 'one two three four five', fault: fault as never });
      return parseSse((await h!.chat({ message: 'count', model }, { headers: { accept: 'text/event-stream' } })).body);
    };

    const reset = await broken('claude', { type: 'reset', afterDeltas: 2 });
    const inStream = await broken('haiku', { type: 'stream-error', afterDeltas: 2 });
    const truncated = await broken('llama', { type: 'truncate', afterDeltas: 2 });

    for (const events of [reset, inStream, truncated]) {
      expect(events.map((e) => e.event)).toEqual(['start', 'chunk', 'chunk', 'error']);
      expect(events.at(-1)!.data.error.code).toMatch(/^FM_/);
    }
  });

  it('aborts the upstream call when the client disconnects (JSON and SSE)', async () => {
    h = await startGateway();
    const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
    // Its own agent, destroyed at the end: after an abort undici opens a spare connection that would hold close() up.
    const agent = new Agent();
    onTestFinished(() => agent.destroy());
    const post = (body: object, signal: AbortSignal, accept = 'application/json') =>
      fetch(`${url}/v1/chat`, { dispatcher: agent, method: 'POST', signal, headers: { authorization: `Bearer ${h!.key}`, 'content-type': 'application/json', accept }, body: JSON.stringify(body) });

    h.fake.script({ fault: { type: 'hang' }, times: 1 });
    const jsonAbort = new AbortController();
    const pending = post({ message: 'hi', model: 'claude' }, jsonAbort.signal).catch((err: Error) => err.name);
    await h.fake.waitForRequests(1);
    jsonAbort.abort();
    expect(await pending).toBe('AbortError');
    await vi.waitFor(() => expect(h!.fake.inFlight).toBe(0), { timeout: 5_000 });

    h.fake.script({ reply: 'a b c d e f', fault: { type: 'hang', afterDeltas: 2 }, times: 1 });
    const sseAbort = new AbortController();
    const res = await post({ message: 'hi', model: 'llama' }, sseAbort.signal, 'text/event-stream');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    sseAbort.abort();

    expect(first).toContain('event: start');
    await vi.waitFor(() => expect(h!.fake.inFlight).toBe(0), { timeout: 5_000 });
    expect(h.fake.requests).toHaveLength(2);
  });
});
