import { describe, expect, it } from 'vitest';
import type { TargetInfo } from '../dialects/types.ts';
import type { IrContextPassage, IrPart, IrRequest, IrResult, IrStreamEvent } from '../ir/types.ts';
import { OFFLINE_CHAT_MODEL, OFFLINE_NO_CONTEXT, OFFLINE_NO_IMAGES, OFFLINE_NO_MATCH } from './offline.ts';
import { OFFLINE_EMBED_DIMS } from './offline-embed.ts';
import { createOfflineLocalProvider } from './offline-local.ts';

const KB: IrContextPassage[] = [
  { id: 'kb-ship', title: 'Shipping', text: 'Orders ship from Osaka. Standard shipping takes three business days. Express shipping arrives the next day.' },
  { id: 'kb-ret', title: 'Returns', text: 'Unopened manga can be returned within thirty days. Damaged volumes are replaced free of charge.' },
  { id: 'kb-jp', title: '配送', text: '東京への配送は翌日です。北海道へは三日かかります。' },
];

const TARGET: TargetInfo = { modelId: OFFLINE_CHAT_MODEL, alias: 'haiku', provider: 'offline', maxTokens: 200 };

const ask = (question: string, over: Partial<IrRequest> & { parts?: IrPart[] } = {}): IrRequest => {
  const { parts, ...rest } = over;
  return { model: 'haiku', messages: [{ role: 'user', content: parts ?? [{ type: 'text', text: question }] }], context: KB, stream: false, ...rest };
};
const textOf = (r: IrResult) => r.content.map((p) => (p.type === 'text' ? p.text : '')).join('');

describe('offline provider (local port)', () => {
  const provider = createOfflineLocalProvider();
  const complete = (ir: IrRequest, signal = new AbortController().signal) => provider.complete(ir, TARGET, signal);

  it('answers extractively from the best sentences, citing passage ids', async () => {
    const result = await complete(ask('How long does express shipping take?'));
    expect(result.model).toBe(OFFLINE_CHAT_MODEL);
    expect(result.stopReason).toBe('end_turn');
    expect(textOf(result)).toContain('Express shipping arrives the next day.');
    expect(textOf(result)).toMatch(/\[kb-ship\]$/);
    expect(textOf(result)).not.toContain('returned within thirty days');
  });

  it('keeps passage order when sentences come from several passages', async () => {
    const result = await complete(ask('Are damaged volumes replaced, and how long does shipping take?'));
    const ship = textOf(result).indexOf('[kb-ship]');
    const ret = textOf(result).indexOf('[kb-ret]');
    expect(ship).toBeGreaterThan(0);
    expect(ret).toBeGreaterThan(ship);
  });

  it('matches Japanese questions through character bigrams', async () => {
    const result = await complete(ask('北海道への配送は何日かかりますか'));
    expect(textOf(result)).toContain('北海道へは三日かかります。');
    expect(textOf(result)).toContain('[kb-jp]');
  });

  it('is deterministic', async () => {
    const a = await complete(ask('What about returns of unopened manga?'));
    const b = await createOfflineLocalProvider().complete(ask('What about returns of unopened manga?'), TARGET, new AbortController().signal);
    expect(a).toEqual(b);
  });

  it('says plainly it is offline when there is no context', async () => {
    const result = await complete(ask('Recommend me a manga', { context: undefined }));
    expect(textOf(result)).toBe(OFFLINE_NO_CONTEXT);
    expect(textOf(result)).toContain('offline');
  });

  it('says so when no passage shares a term with the question', async () => {
    expect(textOf(await complete(ask('Who painted the Mona Lisa?')))).toBe(OFFLINE_NO_MATCH);
  });

  it('says it cannot see images', async () => {
    const result = await complete(ask('', { parts: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } }, { type: 'text', text: 'Is this shipping box damaged?' }] }));
    expect(textOf(result).startsWith(OFFLINE_NO_IMAGES)).toBe(true);
    // Routing lets images through to it, so that it can say so.
    expect(provider.supportsImages).toBe(true);
  });

  it('honours maxTokens and stop sequences', async () => {
    const cut = await complete(ask('How long does express shipping take?', { maxTokens: 3 }));
    expect(cut).toMatchObject({ stopReason: 'max_tokens', usage: { outputTokens: 3 } });
    const stopped = await complete(ask('How long does express shipping take?', { stopSequences: ['next'] }));
    expect(stopped.stopReason).toBe('stop_sequence');
    expect(textOf(stopped)).not.toContain('next');
  });

  it('counts usage in its own tokens', async () => {
    const result = await complete(ask('express shipping', { context: [{ id: 'a', text: 'Express shipping is fast.' }] }));
    // system none + question 2 + context " Express shipping is fast." 4
    expect(result.usage.inputTokens).toBe(6);
    expect(result.usage.outputTokens).toBe(5); // "Express shipping is fast. [a]"
  });

  it('streams the same answer word by word, then its stop, usage and end', async () => {
    const whole = await complete(ask('How long does standard shipping take?'));
    const { events, error } = await collect(provider.stream(ask('How long does standard shipping take?', { stream: true }), TARGET, new AbortController().signal));
    expect(error).toBeUndefined();
    const deltas = events.flatMap((e) => (e.type === 'text' ? [e.text] : []));
    expect(deltas.length).toBe(textOf(whole).split(' ').length);
    expect(deltas.join('')).toBe(textOf(whole));
    expect(events.slice(-3)).toEqual([{ type: 'stop', stopReason: whole.stopReason }, { type: 'usage', usage: whole.usage }, { type: 'end' }]);
  });

  it('stops a stream with aborted when the signal fires', async () => {
    const controller = new AbortController();
    const events: unknown[] = [];
    let error: unknown;
    try {
      for await (const e of provider.stream(ask('How long does standard shipping take?', { stream: true }), TARGET, controller.signal)) {
        events.push(e);
        controller.abort();
      }
    } catch (err) {
      error = err;
    }
    expect(events).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'aborted', retryable: false });
    await expect(complete(ask('x'), controller.signal)).rejects.toMatchObject({ kind: 'aborted' });
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

async function collect(stream: AsyncIterable<IrStreamEvent>): Promise<{ events: IrStreamEvent[]; error: unknown }> {
  const events: IrStreamEvent[] = [];
  try {
    for await (const e of stream) events.push(e);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}
