import { describe, expect, it } from 'vitest';
import type { CompletionRequest, ContextPassage } from '../types.ts';
import type { StreamEvent } from '../types.ts';
import { ProviderError } from './errors.ts';
import { createOfflineProvider, OFFLINE_CHAT_MODEL, OFFLINE_NO_CONTEXT, OFFLINE_NO_IMAGES, OFFLINE_NO_MATCH } from './offline.ts';
import { OFFLINE_EMBED_DIMS } from './offline-embed.ts';

const KB: ContextPassage[] = [
  { id: 'kb-ship', title: 'Shipping', text: 'Orders ship from Osaka. Standard shipping takes three business days. Express shipping arrives the next day.' },
  { id: 'kb-ret', title: 'Returns', text: 'Unopened manga can be returned within thirty days. Damaged volumes are replaced free of charge.' },
  { id: 'kb-jp', title: '配送', text: '東京への配送は翌日です。北海道へは三日かかります。' },
];

const ask = (question: string, over: Partial<CompletionRequest> = {}): CompletionRequest => ({
  model: 'offline/extractive',
  messages: [{ role: 'user', content: question }],
  maxTokens: 200,
  context: KB,
  ...over,
});

describe('offline provider', () => {
  const provider = createOfflineProvider();

  it('answers extractively from the best sentences, citing passage ids', async () => {
    const result = await provider.complete(ask('How long does express shipping take?'));
    expect(result.model).toBe(OFFLINE_CHAT_MODEL);
    expect(result.stopReason).toBe('end_turn');
    expect(result.text).toContain('Express shipping arrives the next day.');
    expect(result.text).toMatch(/\[kb-ship\]$/);
    expect(result.text).not.toContain('returned within thirty days');
  });

  it('keeps passage order when sentences come from several passages', async () => {
    const result = await provider.complete(ask('Are damaged volumes replaced, and how long does shipping take?'));
    const ship = result.text.indexOf('[kb-ship]');
    const ret = result.text.indexOf('[kb-ret]');
    expect(ship).toBeGreaterThan(0);
    expect(ret).toBeGreaterThan(ship);
  });

  it('matches Japanese questions through character bigrams', async () => {
    const result = await provider.complete(ask('北海道への配送は何日かかりますか'));
    expect(result.text).toContain('北海道へは三日かかります。');
    expect(result.text).toContain('[kb-jp]');
  });

  it('is deterministic', async () => {
    const a = await provider.complete(ask('What about returns of unopened manga?'));
    const b = await createOfflineProvider().complete(ask('What about returns of unopened manga?'));
    expect(a).toEqual(b);
  });

  it('says plainly it is offline when there is no context', async () => {
    const result = await provider.complete(ask('Recommend me a manga', { context: undefined }));
    expect(result.text).toBe(OFFLINE_NO_CONTEXT);
    expect(result.text).toContain('offline');
  });

  it('says so when no passage shares a term with the question', async () => {
    expect((await provider.complete(ask('Who painted the Mona Lisa?'))).text).toBe(OFFLINE_NO_MATCH);
  });

  it('says it cannot see images', async () => {
    const result = await provider.complete(
      ask('', { messages: [{ role: 'user', content: [{ type: 'image', mediaType: 'image/png', data: 'AAAA' }, { type: 'text', text: 'Is this shipping box damaged?' }] }] }),
    );
    expect(result.text.startsWith(OFFLINE_NO_IMAGES)).toBe(true);
    expect(provider.supportsImages).toBe(false);
  });

  it('honours maxTokens and stop sequences', async () => {
    const cut = await provider.complete(ask('How long does express shipping take?', { maxTokens: 3 }));
    expect(cut).toMatchObject({ stopReason: 'max_tokens', usage: { outputTokens: 3 } });
    const stopped = await provider.complete(ask('How long does express shipping take?', { stopSequences: ['next'] }));
    expect(stopped.stopReason).toBe('stop_sequence');
    expect(stopped.text).not.toContain('next');
  });

  it('counts usage in its own tokens', async () => {
    const result = await provider.complete(ask('express shipping', { context: [{ id: 'a', text: 'Express shipping is fast.' }] }));
    // system none + question 2 + context " Express shipping is fast." 4
    expect(result.usage.inputTokens).toBe(6);
    expect(result.usage.outputTokens).toBe(5); // "Express shipping is fast. [a]"
  });

  it('streams the same answer word by word, then one done', async () => {
    const whole = await provider.complete(ask('How long does standard shipping take?'));
    const { events, error } = await collect(provider.stream(ask('How long does standard shipping take?')));
    expect(error).toBeUndefined();
    const deltas = events.filter((e) => e.type === 'delta');
    expect(deltas.length).toBe(whole.text.split(' ').length);
    expect(deltas.map((d) => d.text).join('')).toBe(whole.text);
    expect(events.at(-1)).toEqual({ type: 'done', usage: whole.usage, stopReason: whole.stopReason, model: OFFLINE_CHAT_MODEL });
  });

  it('stops a stream with aborted when the signal fires', async () => {
    const controller = new AbortController();
    const events: unknown[] = [];
    let error: unknown;
    try {
      for await (const e of provider.stream(ask('How long does standard shipping take?', { signal: controller.signal }))) {
        events.push(e);
        controller.abort();
      }
    } catch (err) {
      error = err;
    }
    expect(events).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
    const err = await failure(provider.complete(ask('x', { signal: controller.signal })));
    expect(err.kind).toBe('aborted');
  });

  describe('embed', () => {
    it('gives 384-dim unit vectors, deterministically', async () => {
      const [a, b] = await provider.embed!(['Express shipping to Tokyo', 'Express shipping to Tokyo']);
      expect(a).toHaveLength(OFFLINE_EMBED_DIMS);
      expect(Math.hypot(...a!)).toBeCloseTo(1, 10);
      expect(a).toEqual(b);
    });

    it('puts related texts closer than unrelated ones', async () => {
      const [q, near, far] = await provider.embed!(['how fast is express shipping', 'Express shipments arrive the next day', 'Unopened volumes can be returned']);
      const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i]!, 0);
      expect(dot(q!, near!)).toBeGreaterThan(dot(q!, far!) + 0.1);
    });

    it('embeds an empty text as the zero vector', async () => {
      const [v] = await provider.embed!(['']);
      expect(v!.every((x) => x === 0)).toBe(true);
    });
  });
});

async function collect(stream: AsyncIterable<StreamEvent>): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const e of stream) events.push(e);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected the call to fail');
}
