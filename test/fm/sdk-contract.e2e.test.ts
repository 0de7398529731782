import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { offeredTools, type FakeScript, type RecordedRequest } from '../support/fake-upstream/index.ts';
import { ANTHROPIC, CONVERSE, INVOKE, OPENAI, startMatrix, type Kind, type MatrixHarness } from './sdk-matrix.ts';

// The contract: for the same call and equivalent upstream answers, pass-through (the provider speaks the client's
// dialect) and translation (through the IR) give the client the same observable result — content, tool calls, stop
// reason and usage numbers — as JSON and as streams. Only what names a response (id, created, model) may differ.

const tools: OpenAI.Chat.Completions.ChatCompletionTool[] = [
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { tz: { type: 'string' } } } } },
];
const anthropicTools: Anthropic.Tool[] = tools.map((t) => ({ name: (t as { function: { name: string } }).function.name, input_schema: { type: 'object', properties: {} } }));

/** Equivalent answers, scripted once per case: the fake writes each in the dialect it is asked in. */
const CASES: { name: string; script: FakeScript; tools: boolean; cacheWrites?: boolean }[] = [
  { name: 'text', script: { reply: 'Monster, then Pluto — both by Urasawa.', usage: { inputTokens: 21, outputTokens: 8, cacheReadTokens: 7 } }, tools: false },
  {
    name: 'text and two tool calls',
    script: {
      reply: 'Checking.',
      toolCalls: [
        { id: 'call_a', name: 'get_weather', input: { city: 'Osaka', units: ['c', 'f'] } },
        { id: 'call_b', name: 'get_time', input: { tz: 'Asia/Tokyo' } },
      ],
      usage: { inputTokens: 40, outputTokens: 22 },
    },
    tools: true,
  },
  { name: 'a cut at max tokens', script: { reply: 'one two three four five six', stopReason: 'max_tokens', usage: { inputTokens: 5, outputTokens: 6 } }, tools: false },
  { name: 'prompt-cache reads and writes', script: { reply: 'Cached.', usage: { inputTokens: 10, outputTokens: 3, cacheReadTokens: 200, cacheWriteTokens: 50 } }, tools: false, cacheWrites: true },
];
/**
 * OpenAI usage has no cache-write count (writes are just prompt tokens), so an Anthropic client reading an
 * OpenAI-compatible model sees them in input_tokens: that case is compared on the other providers only.
 */
const casesFor = (k: Kind) => CASES.filter((c) => !(c.cacheWrites && k === OPENAI));

let m: MatrixHarness;
beforeAll(async () => {
  m = await startMatrix();
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

/**
 * What a client observes: null and absent read the same (`system_fingerprint: null`, `logprobs: null`), as do
 * zero prompt-cache counters (Anthropic itself sends them as 0); what names the response (id, created, model) is
 * left out, and so are Bedrock's invocation metrics on InvokeModel's message_stop (the provider's own bytes).
 */
function observed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(observed);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || v === undefined || k === 'id' || k === 'created' || k === 'model' || k === 'amazon-bedrock-invocationMetrics') continue;
    if ((k === 'cache_creation_input_tokens' || k === 'cache_read_input_tokens') && v === 0) continue;
    if (k === 'prompt_tokens_details' && (v as { cached_tokens?: number }).cached_tokens === 0 && Object.keys(v as object).length === 1) continue;
    out[k] = observed(v);
  }
  return out;
}
const observedCompletion = (c: OpenAI.Chat.Completions.ChatCompletion) => observed(c);
const observedChunks = (chunks: OpenAI.Chat.Completions.ChatCompletionChunk[]) => chunks.map(observed);
const observedMessage = (msg: Anthropic.Message) => observed(msg);

async function openaiCall(k: Kind, c: (typeof CASES)[number], stream: boolean) {
  m.h.fake.script({ ...c.script, times: 1 });
  const body = { model: k.model, messages: [{ role: 'user' as const, content: 'Two manga, and the weather?' }], ...(c.tools ? { tools } : {}) };
  if (!stream) return observedCompletion(await m.openai.chat.completions.create(body, { headers: { 'x-hashi-skip-cache': 'true' } }));
  const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
  const s = await m.openai.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { headers: { 'x-hashi-skip-cache': 'true' } });
  for await (const chunk of s) chunks.push(chunk);
  return observedChunks(chunks);
}

async function anthropicCall(k: Kind, c: (typeof CASES)[number], stream: boolean) {
  m.h.fake.script({ ...c.script, times: 1 });
  const body = { model: k.model, max_tokens: 256, messages: [{ role: 'user' as const, content: 'Two manga, and the weather?' }], ...(c.tools ? { tools: anthropicTools } : {}) };
  const headers = { 'x-hashi-skip-cache': 'true' };
  if (!stream) return { message: observedMessage(await m.anthropic.messages.create(body, { headers })) };
  const s = m.anthropic.messages.stream(body, { headers });
  const events: unknown[] = [];
  for await (const event of s) events.push(withoutUsage(observed(event)));
  return { message: observedMessage(await s.finalMessage()), events };
}

/**
 * Where a stream reports usage is the one thing translation cannot copy: Converse and OpenAI-compatible servers
 * count tokens only at the end, so a translated message_start says 0 and message_delta carries the input count
 * (the SDK's finalMessage() reads either — compared in full above). Events are compared without it.
 */
function withoutUsage(event: unknown): unknown {
  const e = event as { type?: string; message?: Record<string, unknown>; usage?: unknown };
  if (e.type === 'message_start') return { ...e, message: { ...e.message, usage: '(compared in finalMessage)' } };
  if (e.type === 'message_delta') return { ...e, usage: '(compared in finalMessage)' };
  return e;
}

describe.each([CONVERSE, INVOKE, ANTHROPIC])('openai client: pass-through (OpenAI-compatible) and translation ($kind) agree', (k: Kind) => {
  it.each(CASES)('$name, JSON', async (c) => {
    const through = await openaiCall(OPENAI, c, false);
    const translated = await openaiCall(k, c, false);

    expect(translated).toEqual(through);
  });

  it.each(CASES)('$name, streamed chunk by chunk', async (c) => {
    const through = await openaiCall(OPENAI, c, true);
    const translated = await openaiCall(k, c, true);

    expect(translated).toEqual(through);
  });
});

describe.each([CONVERSE, OPENAI])('anthropic client: pass-through (Anthropic, InvokeModel) and translation ($kind) agree', (k: Kind) => {
  it.each(casesFor(k))('$name, JSON', async (c) => {
    const through = await anthropicCall(ANTHROPIC, c, false);
    const invoked = await anthropicCall(INVOKE, c, false);
    const translated = await anthropicCall(k, c, false);

    expect(invoked).toEqual(through);
    expect(translated).toEqual(through);
  });

  it.each(casesFor(k))('$name, streamed event by event', async (c) => {
    const through = await anthropicCall(ANTHROPIC, c, true);
    const invoked = await anthropicCall(INVOKE, c, true);
    const translated = await anthropicCall(k, c, true);

    expect(invoked).toEqual(through);
    expect(translated).toEqual(through);
  });
});

describe.each([CONVERSE, INVOKE, ANTHROPIC])('openai client JSON mode: native (OpenAI-compatible) and emulated by a forced tool ($kind) agree', (k: Kind) => {
  const reply = (req: RecordedRequest) =>
    offeredTools(req).includes('json_object_response') ? { toolCalls: [{ name: 'json_object_response', input: { title: 'Monster', volumes: 18 } }] } : '{"title":"Monster","volumes":18}';
  const call = async (kind: Kind, stream: boolean) => {
    m.h.fake.script({ reply, usage: { inputTokens: 15, outputTokens: 9 }, times: 1 });
    const body = { model: kind.model, messages: [{ role: 'user' as const, content: 'One manga as JSON.' }], response_format: { type: 'json_object' as const } };
    const headers = { 'x-hashi-skip-cache': 'true' };
    return observed(stream ? await m.openai.chat.completions.stream(body, { headers }).finalChatCompletion() : await m.openai.chat.completions.create(body, { headers }));
  };

  it.each([false, true])('streamed: %s', async (stream) => {
    const native = await call(OPENAI, stream);
    const emulated = await call(k, stream);

    expect(emulated).toEqual(native);
    expect(native).toMatchObject({ choices: [{ message: { content: '{"title":"Monster","volumes":18}' }, finish_reason: 'stop' }] });
  });
});
