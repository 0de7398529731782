import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway } from './harness.ts';
import { ALL_KINDS, ANTHROPIC, CONVERSE, failureOf, INVOKE, OFFLINE, OPENAI, PNG, startMatrix, WIRE_KINDS, type Kind, type MatrixHarness } from './sdk-matrix.ts';

// What clients send that is not plain text, and what they get wrong, through the official clients and raw HTTP:
// images to every provider kind, Anthropic's own headers and auth, and bad bodies answered as 4xx in the
// client's own error shape — never a 500, never sent upstream when Hashi can tell.

let m: MatrixHarness;
beforeAll(async () => {
  m = await startMatrix({ fm: { cache: { enabled: false } } });
});
afterAll(() => m.close());
beforeEach(() => m.h.fake.reset());

const dataUrl = `data:image/png;base64,${PNG}`;

describe.each(ALL_KINDS)('openai client image parts → $kind ($model)', (k: Kind) => {
  it('a base64 data URL reaches the provider as its own image block', async () => {
    const answer = await m.openai.chat.completions.create({
      model: k.model,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: dataUrl } }] }],
    });

    const content = m.h.fake.requests[0]?.body.messages.at(-1).content;
    if (k.kind === 'openai') expect(content[1]).toEqual({ type: 'image_url', image_url: { url: dataUrl } });
    if (k.kind === 'anthropic' || k.kind === 'invoke') expect(content[1]).toEqual({ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } });
    if (k.kind === 'converse') expect(content[1]).toEqual({ image: { format: 'png', source: { bytes: PNG } } });
    if (k.kind === 'offline') expect(answer.choices[0]!.message.content).toMatch(/image/i);
  });

  it('a remote image URL: carried where the provider takes URLs, else a 400 naming the field and the model', async () => {
    const call = m.openai.chat.completions.create({
      model: k.model,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://images.example/cover.png' } }] }],
    });

    if (k.kind === 'converse') {
      const err = await failureOf(call);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err.message).toContain(`messages[0].content[1] is not supported by model ${k.model}`);
      expect(err.message).toMatch(/image URLs/);
      expect(m.h.fake.requests).toHaveLength(0);
      return;
    }
    await call;
    const content = m.h.fake.requests[0]?.body.messages.at(-1).content;
    if (k.kind === 'openai') expect(content[1].image_url.url).toBe('https://images.example/cover.png');
    if (k.kind === 'anthropic' || k.kind === 'invoke') expect(content[1]).toEqual({ type: 'image', source: { type: 'url', url: 'https://images.example/cover.png' } });
  });
});

describe('images to a model that cannot see', () => {
  it('a text-only OpenAI-compatible model (the default) is a 400 for both clients, before anything is sent', async () => {
    const h = await startGateway();
    try {
      const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
      const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: h.key, maxRetries: 0 });
      const anthropic = new Anthropic({ baseURL: url, apiKey: h.key, maxRetries: 0 });

      const o = await failureOf(openai.chat.completions.create({ model: OPENAI.model, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: dataUrl } }] }] }));
      const a = await failureOf(
        anthropic.messages.create({ model: OPENAI.model, max_tokens: 16, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } }] }] }),
      );

      expect(o).toBeInstanceOf(OpenAI.BadRequestError);
      expect(o).toMatchObject({ code: 'FM_IMAGES_UNSUPPORTED' });
      expect(a).toBeInstanceOf(Anthropic.BadRequestError);
      expect(a.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringMatching(/images/) } });
      expect(h.fake.requests).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('Anthropic’s own headers and auth', () => {
  const post = (headers: Record<string, string>, body: unknown = { model: ANTHROPIC.model, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }) =>
    fetch(`${m.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('takes the Hashi key as x-api-key (what curl examples and other tools send) as well as a Bearer token', async () => {
    const viaHeader = await post({ 'x-api-key': m.h.key, 'anthropic-version': '2023-06-01' });
    const viaBearer = await post({ authorization: `Bearer ${m.h.key}`, 'anthropic-version': '2023-06-01' });

    expect([viaHeader.status, viaBearer.status]).toEqual([200, 200]);
    expect(JSON.stringify(m.h.fake.requests.map((r) => r.headers))).not.toContain(m.h.key);
  });

  it('a missing anthropic-version, a missing key and a wrong key are 4xx in Anthropic’s error shape', async () => {
    const noVersion = await post({ 'x-api-key': m.h.key });
    const noKey = await post({ 'anthropic-version': '2023-06-01' });
    const badKey = await post({ 'x-api-key': 'hsk_0000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'anthropic-version': '2023-06-01' });

    expect([noVersion.status, noKey.status, badKey.status]).toEqual([400, 401, 401]);
    for (const res of [noVersion, noKey, badKey]) expect(await res.json()).toMatchObject({ type: 'error', error: { type: expect.any(String), message: expect.any(String) } });
    expect(m.h.fake.requests).toHaveLength(0);
  });
});

describe('bad bodies: a 4xx in the client’s own shape, nothing sent upstream', () => {
  it.each(ALL_KINDS)('openai client → $kind: no messages, and a non-object body', async (k) => {
    const empty = await failureOf(m.openai.chat.completions.create({ model: k.model, messages: [] }));
    const raw = await fetch(`${m.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${m.h.key}` }, body: '[1,2]' });

    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
    expect(empty.error).toMatchObject({ message: expect.stringContaining('messages') });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: { message: expect.any(String), type: 'invalid_request_error' } });
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it.each(ALL_KINDS)('anthropic client → $kind: no max_tokens, and a role that does not exist', async (k) => {
    const noMax = await failureOf(m.anthropic.messages.create({ model: k.model, messages: [{ role: 'user', content: 'Hi' }] } as never));

    expect(noMax).toBeInstanceOf(Anthropic.BadRequestError);
    expect(noMax.error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('max_tokens') } });
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it.each([CONVERSE, INVOKE, ANTHROPIC, OFFLINE])('openai client → $kind (translated): a tool message answering no call names its path', async (k) => {
    const err = await failureOf(
      m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'Hi' }, { role: 'tool', tool_call_id: 'call_nope', content: '42' }] }),
    );

    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err).toMatchObject({ status: 400, param: 'messages[1].tool_call_id' });
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it.each([CONVERSE, OPENAI, OFFLINE])('anthropic client → $kind (translated): a tool_result answering no tool_use names its path', async (k) => {
    const err = await failureOf(
      m.anthropic.messages.create({ model: k.model, max_tokens: 16, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_nope', content: '42' }] }] }),
    );

    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect(err.error.error.message).toMatch(/tool_use_id|tool_result/);
    expect(m.h.fake.requests).toHaveLength(0);
  });

  it.each(WIRE_KINDS.filter((k) => k.passThrough))('$kind (pass-through): Hashi does not judge the content; the provider does', async (k) => {
    m.h.fake.script({ reply: 'as the provider saw it' });

    const answer =
      k.passThrough === 'openai'
        ? (await m.openai.chat.completions.create({ model: k.model, messages: [{ role: 'user', content: 'Hi' }, { role: 'tool', tool_call_id: 'call_nope', content: '42' }] })).choices[0]!.message.content
        : ((await m.anthropic.messages.create({ model: k.model, max_tokens: 16, messages: [{ role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_nope', content: '42' }] }] })).content[0] as { text: string }).text;

    expect(answer).toBe('as the provider saw it');
    expect(m.h.fake.requests).toHaveLength(1);
  });
});
