import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANTHROPIC, failureOf, startMatrix, WIRE_KINDS, type Kind, type MatrixHarness } from './sdk-matrix.ts';

// A call's life on the wire dialects, through the official clients over every upstream kind: a client that
// leaves cancels the upstream call, a provider that goes quiet mid-stream ends in the dialect's error event,
// the exact cache never crosses tenants, and a call's cost — prompt-cache tokens included — is what the usage
// report says.

let m: MatrixHarness;
beforeAll(async () => {
  // A short idle timeout, so a provider that goes quiet mid-stream is given up on quickly.
  m = await startMatrix({ fm: { resilience: { timeouts: { timeoutMs: 5000, firstByteTimeoutMs: 5000, idleTimeoutMs: 300 } } } });
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

const noCache = { headers: { 'x-hashi-skip-cache': 'true' } };

describe.each(WIRE_KINDS)('$kind ($model)', (k: Kind) => {
  it('an openai client that breaks off its stream cancels the upstream call', async () => {
    m.h.fake.script({ reply: 'a b c d e f', fault: { type: 'hang', afterDeltas: 2 }, times: 1 });

    const stream = await m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'hang' }], stream: true }, noCache);
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) break;

    await vi.waitFor(() => expect(m.h.fake.inFlight).toBe(0), { timeout: 5_000 });
  });

  it('an anthropic client that aborts its stream cancels the upstream call', async () => {
    m.h.fake.script({ reply: 'a b c d e f', fault: { type: 'hang', afterDeltas: 2 }, times: 1 });

    const stream = m.anthropic.messages.stream({ model: k.model, max_tokens: 64, messages: [{ role: 'user', content: 'hang' }] }, noCache);
    const ended = stream.done().catch((e: unknown) => e);
    await new Promise<void>((resolve) => stream.on('text', () => resolve()));
    stream.abort();

    expect(await ended).toBeInstanceOf(Anthropic.APIUserAbortError);
    await vi.waitFor(() => expect(m.h.fake.inFlight).toBe(0), { timeout: 5_000 });
  });

  it('a provider that goes quiet mid-stream: the text so far, then each dialect’s error (the SDKs throw)', async () => {
    m.h.fake.script({ reply: 'one two three four', fault: { type: 'hang', afterDeltas: 2 }, tokensPerSecond: 200, times: 2 });

    const seen: string[] = [];
    const openaiErr = await failureOf(
      (async () => {
        const stream = await m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'quiet' }], stream: true }, noCache);
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    );
    const anthropicStream = m.anthropic.messages.stream({ model: k.model, max_tokens: 64, messages: [{ role: 'user', content: 'quiet' }] }, noCache);
    const anthropicText: string[] = [];
    anthropicStream.on('text', (t) => anthropicText.push(t));
    const anthropicErr = await failureOf(anthropicStream.finalMessage());

    expect(seen.join('')).toBe('one two');
    expect(openaiErr).toBeInstanceOf(OpenAI.APIError);
    expect(anthropicText.join('')).toBe('one two');
    expect(anthropicErr).toBeInstanceOf(Anthropic.APIError);
    await vi.waitFor(() => expect(m.h.fake.inFlight).toBe(0), { timeout: 5_000 });
  });
});

describe('the exact cache on wire calls is per tenant', () => {
  it('the same call from another tenant is a miss; from the same tenant’s other key, a hit', async () => {
    const sameTenant = m.openaiWith({ apiKey: await m.h.newKey('acme') });
    const otherTenant = m.openaiWith({ apiKey: await m.h.newKey('globex') });
    const body = { model: ANTHROPIC.model, messages: [{ role: 'user' as const, content: 'tenant cache probe' }] };

    const first = await m.openai.chat.completions.create(body).withResponse();
    const mine = await sameTenant.chat.completions.create(body).withResponse();
    const theirs = await otherTenant.chat.completions.create(body).withResponse();

    expect([first, mine, theirs].map((r) => r.response.headers.get('x-hashi-cached'))).toEqual(['false', 'true', 'false']);
    expect(m.h.fake.requests).toHaveLength(2);
  });
});

describe('cost on wire calls, prompt-cache tokens priced', () => {
  it('the usage report’s cost is the catalog price of input, output, cache reads (input price) and writes (1.25×)', async () => {
    const key = await m.h.newKey('pricing');
    const anthropic = m.anthropicWith({ apiKey: key, headers: noCache.headers });
    const openai = m.openaiWith({ apiKey: key, headers: noCache.headers });
    m.h.fake.script({ usage: { inputTokens: 1000, outputTokens: 100, cacheReadTokens: 2000, cacheWriteTokens: 400 } });

    const { response } = await anthropic.messages.create({ model: ANTHROPIC.model, max_tokens: 200, messages: [{ role: 'user', content: 'price me' }] }).withResponse();
    await openai.chat.completions.stream({ model: ANTHROPIC.model, max_tokens: 200, messages: [{ role: 'user', content: 'price me' }] }).finalChatCompletion();
    await m.h.hashi.fm.flush();
    const report = (await (await fetch(`${m.url}/v1/usage?group_by=model`, { headers: { authorization: `Bearer ${key}` } })).json()) as { groups: { group: string; costUsd: number }[] };

    // claude: $1 in, $5 out per million; reads at the input price, writes at 1.25× it.
    const perCall = (1000 * 1 + 100 * 5 + 2000 * 1 + 400 * 1.25) / 1e6;
    expect(Number(response.headers.get('x-hashi-cost-usd'))).toBeCloseTo(perCall, 12);
    expect(report.groups).toEqual([expect.objectContaining({ group: ANTHROPIC.model, calls: 2, inputTokens: 2000, cacheReadTokens: 4000, cacheWriteTokens: 800 })]);
    expect(report.groups[0]!.costUsd).toBeCloseTo(2 * perCall, 12);
  });
});
