import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/events/index.ts';
import { ALL_KINDS, failureOf, OFFLINE, OPENAI, startMatrix, WIRE_KINDS, type Kind, type MatrixHarness } from './sdk-matrix.ts';

// What the gateway keeps doing on the wire dialects, through the official clients and every provider kind:
// mid-stream errors in each dialect's own shape (never a clean end), budgets (429 in each dialect's shape),
// usage rows with prompt-cache tokens, InferenceCompleted for wire calls, and the exact cache keyed on tools
// and JSON mode.

let m: MatrixHarness;
let completed: EventEnvelope[];
beforeAll(async () => {
  m = await startMatrix();
  completed = [];
  m.h.hashi.events.registerFunction('capture-completed', async (event) => void completed.push(event));
  await m.h.hashi.events.putRule({
    Name: 'fm-completed',
    EventPattern: { source: ['hashi.fm'], 'detail-type': ['InferenceCompleted'] },
    Targets: [{ Id: 'capture', Arn: 'function:capture-completed' }],
  });
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

const skipCache = { headers: { 'x-hashi-skip-cache': 'true' } };

/** The raw SSE text Hashi sends for a wire call (plain fetch with the Hashi key). */
async function rawStream(path: '/v1/chat/completions' | '/v1/messages', body: Record<string, unknown>): Promise<string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${m.h.key}`, 'x-hashi-skip-cache': 'true' };
  if (path === '/v1/messages') headers['anthropic-version'] = '2023-06-01';
  const res = await fetch(`${m.url}${path}`, { method: 'POST', headers, body: JSON.stringify({ ...body, stream: true }) });
  expect(res.status).toBe(200);
  return res.text();
}

// Paced, so the first deltas reach the client before the fault: a fault in the same upstream chunk as the first
// deltas is a failure before the first byte (retried or 503, like any other), not a broken stream.
describe.each(WIRE_KINDS)('a stream that breaks after it started, from $kind ($model)', (k: Kind) => {
  const faults = [
    { name: 'the provider’s in-stream error', fault: { type: 'stream-error' as const, afterDeltas: 2, message: 'model overloaded mid-answer' } },
    { name: 'a connection reset', fault: { type: 'reset' as const, afterDeltas: 2 } },
    { name: 'a clean end without the terminal event', fault: { type: 'truncate' as const, afterDeltas: 2 } },
  ];

  it.each(faults)('openai client: $name → the text so far, then an error chunk the SDK throws; no [DONE]', async ({ fault }) => {
    m.h.fake.script({ reply: 'one two three four', fault, tokensPerSecond: 200, times: 2 });

    const stream = await m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'count' }], stream: true }, skipCache);
    const seen: string[] = [];
    const err = await failureOf(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    );
    const raw = await rawStream('/v1/chat/completions', { model: k.model, messages: [{ role: 'user', content: 'count' }] });

    expect(seen.join('')).toBe('one two');
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.message).not.toBe('');
    expect(raw).toMatch(/data: \{"error":\{/);
    expect(raw).not.toMatch(/^data: \[DONE\]$/m);
  });

  it.each(faults)('anthropic client: $name → the text so far, then event: error the SDK throws; no message_stop', async ({ fault }) => {
    m.h.fake.script({ reply: 'one two three four', fault, tokensPerSecond: 200, times: 2 });

    const stream = m.anthropic.messages.stream({ model: k.model, max_tokens: 64, messages: [{ role: 'user', content: 'count' }] }, skipCache);
    const seen: string[] = [];
    stream.on('text', (t) => seen.push(t));
    const err = await failureOf(stream.finalMessage());
    const raw = await rawStream('/v1/messages', { model: k.model, max_tokens: 64, messages: [{ role: 'user', content: 'count' }] });

    expect(seen.join('')).toBe('one two');
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(raw).toMatch(/event: error\ndata: \{"type":"error","error":\{"type":"[a-z_]+","message":/);
    expect(raw).not.toMatch(/^event: message_stop$/m);
  });
});

describe('budgets, in each dialect’s shape', () => {
  let b: MatrixHarness;
  beforeAll(async () => {
    b = await startMatrix({ fm: { budgets: { key: { dailyUsd: 0.0000001 } } } });
  });
  afterAll(() => b.close());

  it.each(ALL_KINDS.filter((k) => k !== OPENAI))('$kind: a 429 — openai RateLimitError (insufficient_quota), anthropic RateLimitError (rate_limit_error)', async (k) => {
    const o = await failureOf(b.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'hi' }] }));
    const os = await failureOf(b.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'hi' }], stream: true }));
    const a = await failureOf(b.anthropic.messages.create({ model: k.model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }));
    const as = await failureOf(b.anthropic.messages.stream({ model: k.model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }).finalMessage());

    for (const err of [o, os]) {
      expect(err).toBeInstanceOf(OpenAI.RateLimitError);
      expect(err).toMatchObject({ status: 429, code: 'FM_BUDGET_EXCEEDED', type: 'insufficient_quota' });
    }
    for (const err of [a, as]) {
      expect(err).toBeInstanceOf(Anthropic.RateLimitError);
      expect(err.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error', message: expect.stringMatching(/key daily/) } });
      expect(err.headers.get('retry-after')).toBeTruthy();
    }
    expect(b.h.fake.requests).toHaveLength(0);
  });

  it('an unpriced model under a USD budget is refused (403 naming it) in both shapes', async () => {
    const o = await failureOf(b.openai.chat.completions.create({ model: OPENAI.model, messages: [{ role: 'user', content: 'hi' }] }));
    const a = await failureOf(b.anthropic.messages.create({ model: OPENAI.model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] }));

    expect(o).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(o.message).toContain(OPENAI.model);
    expect(a).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(a.error).toMatchObject({ type: 'error', error: { type: 'permission_error', message: expect.stringContaining(OPENAI.model) } });
  });
});

describe('usage rows and InferenceCompleted for wire calls', () => {
  it('GET /v1/usage shows each call by model with its prompt-cache reads and writes; every call is published', async () => {
    completed.length = 0;
    const usage = { inputTokens: 10, outputTokens: 3, cacheReadTokens: 200, cacheWriteTokens: 50 };
    const tenant = await m.h.newKey('usage-tenant');
    const openai = m.openaiWith({ apiKey: tenant, headers: skipCache.headers });
    const anthropic = m.anthropicWith({ apiKey: tenant, headers: skipCache.headers });
    m.h.fake.script({ usage });
    for (const k of ALL_KINDS) {
      await openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'hi' }] });
      await anthropic.messages.stream({ model: k.model, max_tokens: 32, messages: [{ role: 'user', content: 'hi' }] }).finalMessage();
    }
    await openai.embeddings.create({ model: 'offline/hash-embed-384', input: 'hi' });
    await m.h.hashi.fm.flush();
    await m.h.hashi.queue.drain();

    const res = await fetch(`${m.url}/v1/usage?group_by=model`, { headers: { authorization: `Bearer ${tenant}` } });
    const groups = Object.fromEntries(((await res.json()) as { groups: { group: string }[] }).groups.map((g) => [g.group, g]));

    for (const k of [...WIRE_KINDS].filter((x) => x !== OPENAI)) {
      expect(groups[k.model]).toMatchObject({ calls: 2, inputTokens: 20, outputTokens: 6, cacheReadTokens: 400, cacheWriteTokens: 100 });
    }
    // OpenAI usage has no cache-write count: the writes are prompt tokens there.
    expect(groups[OPENAI.model]).toMatchObject({ calls: 2, inputTokens: 120, outputTokens: 6, cacheReadTokens: 400, cacheWriteTokens: 0 });
    expect(groups[OFFLINE.model]).toMatchObject({ calls: 2, cacheReadTokens: 0 });
    expect(groups['offline/hash-embed-384']).toMatchObject({ calls: 1 });
    const mine = completed.filter((e) => (e.detail as { tenant: string }).tenant === 'usage-tenant').map((e) => e.detail as Record<string, unknown>);
    expect(mine).toHaveLength(ALL_KINDS.length * 2 + 1);
    expect(mine.filter((d) => d.dialect === 'openai-chat')).toHaveLength(ALL_KINDS.length);
    expect(mine.filter((d) => d.dialect === 'anthropic-messages')).toHaveLength(ALL_KINDS.length);
    expect(mine.find((d) => d.dialect === 'anthropic-messages' && d.model === 'claude')).toMatchObject({
      provider: 'anthropic',
      providerModel: 'claude-haiku-4-5',
      inputTokens: 10,
      outputTokens: 3,
      cacheReadTokens: 200,
      cacheWriteTokens: 50,
      stopReason: 'end_turn',
      cached: false,
    });
    expect(mine.find((d) => d.dialect === 'openai-embeddings')).toMatchObject({ model: 'offline/hash-embed-384', provider: 'offline' });
  });
});

describe.each(ALL_KINDS)('the exact cache on wire calls to $kind ($model)', (k: Kind) => {
  const tool = (name: string): OpenAI.Chat.Completions.ChatCompletionTool => ({ type: 'function', function: { name, parameters: { type: 'object', properties: {} } } });
  const ask = (extra: Partial<OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming>) =>
    m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: `cache probe for ${k.kind}` }], ...extra }).withResponse();

  it('the same tools request twice is answered from the cache; another tool list, or JSON mode, is a miss', async () => {
    m.h.fake.script({ reply: k.kind === 'offline' ? 'x' : '{"ok":true}' });
    const first = await ask({ tools: [tool('get_weather')] });
    const again = await ask({ tools: [tool('get_weather')] });
    const otherTools = await ask({ tools: [tool('get_weather'), tool('get_time')] });
    const json = await ask({ response_format: { type: 'json_object' } });
    const jsonAgain = await ask({ response_format: { type: 'json_object' } });

    expect([first, again, otherTools, json, jsonAgain].map((r) => r.response.headers.get('x-hashi-cached'))).toEqual(['false', 'true', 'false', 'false', 'true']);
    expect(again.data.choices).toEqual(first.data.choices);
    expect(jsonAgain.data.choices).toEqual(json.data.choices);
    if (k.kind !== 'offline') expect(m.h.fake.requests).toHaveLength(3);
  });

  it('an anthropic stream replayed from the cache reads the same through the SDK', async () => {
    const params = { model: k.model, max_tokens: 64, messages: [{ role: 'user' as const, content: `stream cache probe for ${k.kind}` }] };
    const first = await m.anthropic.messages.stream(params).finalMessage();
    const { response } = await m.anthropic.messages.create({ ...params, stream: true }).withResponse();
    const replayed = await m.anthropic.messages.stream(params).finalMessage();

    expect(response.headers.get('x-hashi-cached')).toBe('true');
    expect(replayed.content).toEqual(first.content);
    expect(replayed.usage).toEqual(first.usage);
    if (k.kind !== 'offline') expect(m.h.fake.requests).toHaveLength(1);
  });
});
