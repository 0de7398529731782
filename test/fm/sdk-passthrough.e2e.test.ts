import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_KINDS, ANTHROPIC, CONVERSE, failureOf, INVOKE, LOCAL_EMBED_ID, OFFLINE, OPENAI, startMatrix, TITAN_ID, WIRE_KINDS, type Kind, type MatrixHarness } from './sdk-matrix.ts';

// Pass-through fidelity and the error contract, through the official clients: unknown fields reach the provider
// unchanged, translation refusals are 400s naming the field and the model in the client's own error shape, a
// provider's 400 of the caller's own body comes back verbatim, our provider credentials' failures never look
// like the caller's, and only the configured provider credentials ever leave Hashi.

let m: MatrixHarness;
beforeAll(async () => {
  // The exact cache off: these tests send the same small bodies under changing upstream scripts.
  m = await startMatrix({ fm: { cache: { enabled: false } } });
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

describe('unknown fields survive pass-through', () => {
  // Not through an SDK: the SDKs write JSON.stringify's bytes; a hand-written body shows what is forwarded is the
  // client's own text (spacing, 1.0, escapes, a string where the schema says number), not a re-serialised parse.
  const post = (path: string, text: string, headers: Record<string, string> = {}) =>
    fetch(`${m.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${m.h.key}`, ...headers }, body: text });

  it('the client\'s own bytes reach the provider with only the model value replaced — nothing the route\'s schema coerced or defaulted', async () => {
    const text = `{ "model" : "${OPENAI.model}",\n  "messages": [{"role":"user","content":"caf\\u00e9 \\"1.0\\""}], "temperature": 1.0, "top_p": "0.5", "x": {"model": "inner"} }`;
    const res = await post('/v1/chat/completions', text);
    expect(res.status).toBe(200);
    expect(m.h.fake.requests[0]!.rawBody.toString('utf8')).toBe(text.replace(`"${OPENAI.model}"`, `"${OPENAI.providerModel}"`));

    const anthropicText = `{"messages":[{"role":"user","content":"Hi"}],"max_tokens":64.0,"model":"${ANTHROPIC.model}","stream":true}`;
    const streamed = await post('/v1/messages', anthropicText, { 'anthropic-version': '2023-06-01' });
    expect(streamed.status).toBe(200);
    expect(await streamed.text()).toContain('event: message_stop');
    expect(m.h.fake.requests[1]!.rawBody.toString('utf8')).toBe(anthropicText.replace(`"${ANTHROPIC.model}"`, `"${ANTHROPIC.providerModel}"`));
  });

  it('an OpenAI stream that did not ask for usage gets stream_options appended to its own bytes; a body with model written twice is re-serialised as parsed (the last wins)', async () => {
    const text = `{"model":"${OPENAI.model}","messages":[{"role":"user","content":"Hi"}],"stream":true,"temperature":1.0}`;
    const res = await post('/v1/chat/completions', text);
    expect(await res.text()).toContain('data: [DONE]');
    expect(m.h.fake.requests[0]!.rawBody.toString('utf8')).toBe(`${text.slice(0, -1).replace(`"${OPENAI.model}"`, `"${OPENAI.providerModel}"`)},"stream_options":{"include_usage":true}}`);

    const twice = `{"model":"nonexistent","messages":[{"role":"user","content":"Hi"}],"model":"${OPENAI.model}"}`;
    expect((await post('/v1/chat/completions', twice)).status).toBe(200);
    expect(JSON.parse(m.h.fake.requests[1]!.rawBody.toString('utf8'))).toEqual({ model: OPENAI.providerModel, messages: [{ role: 'user', content: 'Hi' }] });
  });

  it('OpenAI-compatible: the body arrives byte for byte but the model, unknown top-level and nested fields included', async () => {
    const body = {
      model: OPENAI.model,
      messages: [
        { role: 'system', content: 'Be brief.', x_cache_hint: { ttl: 300 } },
        { role: 'user', content: [{ type: 'text', text: 'Hi — こんにちは', x_part_meta: [1, 'two', null, { deep: true }] }], name: 'reader' },
      ],
      x_vendor_option: { reasoning: { effort: 'low' }, tags: ['a', 'b'] },
      temperature: 0.25,
      prediction: { type: 'content', content: 'Hello' },
    };

    await m.openai.chat.completions.create(body as never);

    expect(m.h.fake.requests[0]!.rawBody.toString('utf8')).toBe(JSON.stringify({ ...body, model: OPENAI.providerModel }));
  });

  it('OpenAI-compatible, streamed: the same body, plus only the usage chunk Hashi needs (kept from the client)', async () => {
    const body = { model: OPENAI.model, messages: [{ role: 'user', content: 'Hi', x_meta: { a: 1 } }], x_vendor_option: true, stream: true };

    const stream = await m.openai.chat.completions.create(body as never);
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream as unknown as AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) chunks.push(chunk);

    expect(m.h.fake.requests[0]!.body).toEqual({ ...body, model: OPENAI.providerModel, stream_options: { include_usage: true } });
    expect(chunks.some((c) => c.usage)).toBe(false);
  });

  it('Anthropic: the body arrives byte for byte but the model, unknown top-level and nested block fields included', async () => {
    const body = {
      model: ANTHROPIC.model,
      max_tokens: 64,
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi — こんにちは', x_block_meta: { deep: [1, null] } }] }],
      x_vendor_option: { a: [true, false] },
      thinking: { type: 'enabled', budget_tokens: 1024 },
      service_tier: 'auto',
    };

    await m.anthropic.messages.create(body as never);

    expect(m.h.fake.requests[0]!.rawBody.toString('utf8')).toBe(JSON.stringify({ ...body, model: ANTHROPIC.providerModel }));
  });

  it('InvokeModel: the same fields in the Bedrock body (model in the URL, stream dropped, anthropic_version added)', async () => {
    const { model: _model, ...rest } = { model: INVOKE.model, max_tokens: 64, messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi', x_block_meta: 1 }] }], x_vendor_option: { a: 1 } };

    await m.anthropic.messages.create({ model: INVOKE.model, ...rest } as never);
    await m.anthropic.messages.stream({ model: INVOKE.model, ...rest } as never).finalMessage();

    for (const r of m.h.fake.requests) expect(r.body).toEqual({ anthropic_version: 'bedrock-2023-05-31', ...rest });
    expect(m.h.fake.requests.map((r) => [r.api, r.modelId])).toEqual([
      ['bedrock.invoke', INVOKE.providerModel],
      ['bedrock.invoke-stream', INVOKE.providerModel],
    ]);
  });
});

describe('translation refusals: 400s naming the field and the model, in the client’s own error shape', () => {
  it.each([CONVERSE, OPENAI, OFFLINE])('anthropic client → $kind: thinking', async (k) => {
    const err = await failureOf(m.anthropic.messages.create({ model: k.model, max_tokens: 2048, messages: [{ role: 'user', content: 'Think.' }], thinking: { type: 'enabled', budget_tokens: 1024 } }));

    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining(`thinking is not supported by model ${k.model}`) } });
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it('anthropic client → converse: top_k', async () => {
    const err = await failureOf(m.anthropic.messages.create({ model: CONVERSE.model, max_tokens: 16, top_k: 5, messages: [{ role: 'user', content: 'Hi' }] } as never));

    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.message).toContain(`top_k is not supported by model ${CONVERSE.model}`);
  });

  it.each([CONVERSE, INVOKE, ANTHROPIC])('openai client → $kind: seed, and an unknown field (never silently dropped)', async (k) => {
    const seed = await failureOf(m.openai.chat.completions.create({ model: k.model, seed: 7, messages: [{ role: 'user', content: 'Hi' }] }));
    const unknown = await failureOf(m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'Hi' }], x_vendor_option: true } as never));

    expect(seed).toBeInstanceOf(OpenAI.BadRequestError);
    expect(seed).toMatchObject({ status: 400, type: 'invalid_request_error', code: 'FM_FIELD_UNSUPPORTED', param: 'seed' });
    expect(seed.message).toContain(`seed is not supported by model ${k.model}`);
    expect(unknown).toBeInstanceOf(OpenAI.BadRequestError);
    expect(unknown.message).toContain(`x_vendor_option is not supported by model ${k.model}`);
    expect(m.h.fake.requests).toHaveLength(0);
  });
});

describe('a provider’s 400 of the caller’s own body, in pass-through, comes back verbatim', () => {
  it('OpenAI-compatible → openai client: status and the provider’s error body', async () => {
    m.h.fake.script({ fault: { type: 'status', status: 400, errorType: 'invalid_request_error', message: "Unrecognized request argument supplied: x_vendor_option" }, times: 1 });

    const err = await failureOf(m.openai.chat.completions.create({ model: OPENAI.model, messages: [{ role: 'user', content: 'Hi' }], x_vendor_option: 1 } as never));
    const res = await rawPost('/v1/chat/completions', { model: OPENAI.model, messages: [{ role: 'user', content: 'Hi' }] }, 400);

    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.message).toContain('Unrecognized request argument supplied: x_vendor_option');
    expect(res.status).toBe(400);
    expect(res.text).toBe(await upstreamErrorBody('openai', 400));
  });

  it.each([ANTHROPIC])('$kind → anthropic client: status and the provider’s error body', async (k) => {
    m.h.fake.script({ fault: { type: 'status', status: 400, errorType: 'invalid_request_error', message: 'messages.0.content.0: unknown variant `txt`' }, times: 1 });

    const err = await failureOf(m.anthropic.messages.create({ model: k.model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }));
    const res = await rawPost('/v1/messages', { model: k.model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }, 400, true);

    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.error).toEqual({ type: 'error', error: { type: 'invalid_request_error', message: 'messages.0.content.0: unknown variant `txt`' } });
    expect(res.text).toBe(await upstreamErrorBody('anthropic', 400));
  });

  it('InvokeModel → anthropic client: a 400 BadRequestError carrying Bedrock’s message, in Anthropic’s error shape', async () => {
    m.h.fake.script({ fault: { type: 'status', status: 400, message: 'messages.0.content.0: unknown variant `txt`' }, times: 1 });

    const err = await failureOf(m.anthropic.messages.create({ model: INVOKE.model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }));

    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('messages.0.content.0: unknown variant `txt`') } });
  });
});

describe('our provider credentials failing is never the caller’s 401/403', () => {
  it.each(WIRE_KINDS)('$kind answering 401 and 403 → a 5xx for both clients, naming no credential', async (k) => {
    const seen: number[] = [];
    for (const status of [401, 403]) {
      m.h.fake.script({ fault: { type: 'status', status }, times: 2 });
      const o = await failureOf(m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'Hi' }] }));
      const a = await failureOf(m.anthropic.messages.create({ model: k.model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }));
      expect(o).toBeInstanceOf(OpenAI.APIError);
      expect(a).toBeInstanceOf(Anthropic.APIError);
      seen.push(o.status, a.status);
      for (const err of [o, a]) expect(JSON.stringify(err.error)).not.toMatch(/sk-ant-test|AKIDFAKE|secret/);
    }

    expect(seen.every((s) => s >= 500)).toBe(true);
  });
});

describe('only the configured provider credentials leave Hashi', () => {
  it.each(ALL_KINDS)('$kind: both clients (chat, stream, count_tokens) succeed against a fake that requires our credentials', async (k: Kind) => {
    m.h.fake.script({ requireAuth: { openai: 'none', anthropic: 'sk-ant-test', bedrock: 'AKIDFAKE' } });

    await m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'Hi' }] });
    await m.openai.chat.completions.stream({ model: k.model, messages: [{ role: 'user', content: 'Hi' }] }).finalChatCompletion();
    await m.anthropic.messages.create({ model: k.model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] });
    await m.anthropic.messages.stream({ model: k.model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }).finalMessage();
    await m.anthropic.messages.countTokens({ model: k.model, messages: [{ role: 'user', content: 'Hi' }] });

    expect(m.h.fake.requests.length).toBe(k.kind === 'offline' ? 0 : k.kind === 'openai' ? 4 : 5);
    for (const r of m.h.fake.requests) expect(JSON.stringify(r.headers)).not.toContain(m.h.key);
    const expected = { converse: /Credential=AKIDFAKE\//, invoke: /Credential=AKIDFAKE\//, anthropic: undefined, openai: /^Bearer none$/, offline: undefined }[k.kind];
    for (const r of m.h.fake.requests) {
      if (expected) expect(r.headers.authorization).toMatch(expected);
      else expect(r.headers['x-api-key']).toBe('sk-ant-test');
    }
  });

  it('embeddings too: the OpenAI-compatible key and the SigV4 access key, never the caller’s', async () => {
    m.h.fake.script({ requireAuth: { openai: 'none', bedrock: 'AKIDFAKE' } });

    await m.openai.embeddings.create({ model: LOCAL_EMBED_ID, input: 'a' });
    await m.openai.embeddings.create({ model: TITAN_ID, input: 'a' });

    expect(m.h.fake.requests.map((r) => r.headers.authorization)).toEqual(['Bearer none', expect.stringMatching(/Credential=AKIDFAKE\//)]);
  });

  it('a fake requiring other credentials refuses ours: the caller gets a 5xx, not the provider’s 401', async () => {
    m.h.fake.script({ requireAuth: { openai: 'sk-other', anthropic: 'sk-ant-other', bedrock: 'AKIDOTHER' } });

    const statuses = [];
    for (const k of WIRE_KINDS) statuses.push((await failureOf(m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'Hi' }] }))).status);

    expect(statuses.every((s) => s >= 500)).toBe(true);
  });
});

/** A POST with the Hashi key by plain fetch, to read the exact bytes Hashi answered. */
async function rawPost(path: string, body: unknown, expectStatus: number, anthropic = false) {
  m.h.fake.script({ fault: { type: 'status', status: expectStatus, errorType: 'invalid_request_error', message: 'raw check' }, times: 1 });
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${m.h.key}` };
  if (anthropic) headers['anthropic-version'] = '2023-06-01';
  const res = await fetch(`${m.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

/** The error body the fake writes for that status (asked of the fake directly, with the same script). */
async function upstreamErrorBody(dialect: 'openai' | 'anthropic', status: number): Promise<string> {
  m.h.fake.script({ fault: { type: 'status', status, errorType: 'invalid_request_error', message: 'raw check' }, times: 1 });
  const path = dialect === 'openai' ? '/v1/chat/completions' : '/v1/messages';
  const res = await fetch(`${m.h.fake.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'x', max_tokens: 1, messages: [{ role: 'user', content: 'Hi' }] }) });
  return res.text();
}
