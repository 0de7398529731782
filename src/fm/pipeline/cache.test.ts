import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../cache/index.ts';
import { ask, ctx, harness, readAll } from './testing.ts';

const question = ask('Is Chainsaw Man 12 in stock?', { model: 'haiku' });

describe('response cache in the pipeline', () => {
  it('answers a repeated request from the cache: marked cached, free, no provider call', async () => {
    const { pipeline, bedrock, events } = harness({ bedrock: [{ kind: 'ok', chunks: ['Yes.'], usage: { inputTokens: 40, outputTokens: 3 } }] });
    await pipeline.complete(question, ctx);

    const again = await pipeline.complete(question, ctx);

    expect(again).toMatchObject({ text: 'Yes.', cached: true, costUsd: 0, attempts: 0, providerWaitMs: 0, usage: { inputTokens: 40, outputTokens: 3 } });
    expect(bedrock.calls).toHaveLength(1);
    expect(events.filter((e) => e.detailType === 'InferenceCompleted').map((e) => e.detail.cached)).toEqual([false, true]);
  });

  it('misses when any output-changing parameter differs', async () => {
    const { pipeline, bedrock } = harness();
    await pipeline.complete(question, ctx);

    await pipeline.complete({ ...question, temperature: 0.9 }, ctx);
    await pipeline.complete({ ...question, maxTokens: 50 }, ctx);
    await pipeline.complete({ ...question, system: 'Answer in Japanese.' }, ctx);
    await pipeline.complete({ ...question, stopSequences: ['。'] }, ctx);
    await pipeline.complete({ ...question, model: 'sonnet' }, ctx);

    expect(bedrock.calls).toHaveLength(6);
  });

  it('treats an explicit parameter equal to the catalog default as the same request', async () => {
    const { pipeline, bedrock } = harness();
    await pipeline.complete(question, ctx);

    const again = await pipeline.complete({ ...question, temperature: 0.3, maxTokens: 1024 }, ctx);

    expect(again.cached).toBe(true);
    expect(bedrock.calls).toHaveLength(1);
  });

  it('never serves one tenant the answer cached for another', async () => {
    const { pipeline, bedrock } = harness();
    await pipeline.complete(question, ctx);

    const other = await pipeline.complete(question, { ...ctx, tenant: 'globex' });

    expect(other.cached).toBe(false);
    expect(bedrock.calls).toHaveLength(2);
  });

  it('shares answers across tenants when the cache is explicitly shared', async () => {
    const { pipeline, bedrock } = harness({ options: { cache: { shared: true } } });
    await pipeline.complete(question, ctx);

    const other = await pipeline.complete(question, { ...ctx, tenant: 'globex' });

    expect(other.cached).toBe(true);
    expect(bedrock.calls).toHaveLength(1);
  });

  it('replays a cached stream with its original chunking', async () => {
    const { pipeline } = harness({ bedrock: [{ kind: 'ok', chunks: ['は', 'い、', '在庫', 'あり'] }] });
    await readAll(await pipeline.stream(question, ctx));

    const replay = await pipeline.stream(question, ctx);
    const { deltas, done } = await readAll(replay);

    expect(replay.meta.cached).toBe(true);
    expect(deltas).toEqual(['は', 'い、', '在庫', 'あり']);
    expect(done).toMatchObject({ cached: true, costUsd: 0 });
  });

  it('does not cache a truncated (max_tokens) answer', async () => {
    const { pipeline, bedrock } = harness({ bedrock: [{ kind: 'ok', chunks: ['Once upon'], stopReason: 'max_tokens' }] });
    await pipeline.complete(question, ctx);

    await pipeline.complete(question, ctx);

    expect(bedrock.calls).toHaveLength(2);
  });

  it('does not cache a stream that broke', async () => {
    const { pipeline, bedrock } = harness({
      bedrock: [{ kind: 'break', chunks: ['Yes'], error: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) }, { kind: 'ok', chunks: ['Yes.'] }],
    });
    await readAll(await pipeline.stream(question, ctx));

    const second = await pipeline.complete(question, ctx);

    expect(second.cached).toBe(false);
    expect(bedrock.calls).toHaveLength(2);
  });

  it('skipCache neither reads nor writes the cache', async () => {
    const { pipeline, bedrock } = harness();
    await pipeline.complete(question, ctx);

    const skipped = await pipeline.complete(question, { ...ctx, skipCache: true });
    await pipeline.complete(ask('new question', { model: 'haiku' }), { ...ctx, skipCache: true });
    const afterSkip = await pipeline.complete(ask('new question', { model: 'haiku' }), ctx);

    expect(skipped.cached).toBe(false);
    expect(afterSkip.cached).toBe(false);
    expect(bedrock.calls).toHaveLength(4);
  });

  it('stores a fallback answer under the model that produced it', async () => {
    const { pipeline, anthropic } = harness({
      routing: { fallbacks: { haiku: ['haiku-direct'] } },
      options: { retry: { retries: 0 } },
      bedrock: [{ kind: 'fail', error: Object.assign(new Error('500'), { retryable: true }) }],
    });
    await pipeline.complete(question, ctx);

    const direct = await pipeline.complete({ ...question, model: 'haiku-direct' }, ctx);

    expect(direct.cached).toBe(true);
    expect(anthropic.calls).toHaveLength(1);
  });

  it('expires answers after the TTL (300 s by default)', async () => {
    const { pipeline, clock, bedrock } = harness();
    await pipeline.complete(question, ctx);

    clock.tick(300_000);
    const later = await pipeline.complete(question, ctx);

    expect(later.cached).toBe(false);
    expect(bedrock.calls).toHaveLength(2);
  });

  it('keeps answering when the cache backend fails', async () => {
    const { FakeClock } = await import('../../kernel/index.ts');
    const broken = new MemoryCache(new FakeClock());
    broken.get = () => Promise.reject(new Error('redis down'));
    broken.set = () => Promise.reject(new Error('redis down'));
    const where: string[] = [];
    const { pipeline } = harness({ cache: broken, options: { onError: (_e, w) => void where.push(w) } });

    const result = await pipeline.complete(question, ctx);

    expect(result.text).toBe('Hello there');
    expect(where).toEqual(['cache', 'cache']);
  });
});
