import { describe, expect, it } from 'vitest';
import { ask, ctx, harness } from './testing.ts';

describe('createCompletionPipeline', () => {
  it('wires the steps in the documented order', () => {
    const { pipeline } = harness();

    expect(pipeline.stages).toEqual({
      request: ['deadline', 'publishCompleted', 'budget', 'route', 'cache', 'tryCandidates'],
      attempt: ['breaker', 'retry', 'timeout', 'concurrency', 'provider'],
    });
  });

  it('answers with text, usage, cost, model and provider, and publishes InferenceCompleted', async () => {
    const { pipeline, events, bedrock } = harness({
      bedrock: [{ kind: 'ok', chunks: ['Yes, ', 'in stock.'], usage: { inputTokens: 1000, outputTokens: 200 }, latencyMs: 350 }],
    });

    const result = await pipeline.complete(ask('Is One Piece 105 in stock?', { model: 'haiku' }), ctx);

    expect(result).toEqual({
      text: 'Yes, in stock.',
      usage: { inputTokens: 1000, outputTokens: 200 },
      stopReason: 'end_turn',
      model: 'haiku',
      providerModel: 'anthropic.claude-3-haiku-20240307-v1:0',
      provider: 'bedrock',
      cached: false,
      costUsd: (1000 * 0.25 + 200 * 1.25) / 1e6,
      latencyMs: 350,
      providerWaitMs: 350,
      attempts: 1,
      fallbackUsed: false,
      route: { reason: 'explicit' },
    });
    expect(bedrock.calls[0]).toMatchObject({ model: 'anthropic.claude-3-haiku-20240307-v1:0', maxTokens: 1024, temperature: 0.3 });
    expect(events.filter((e) => e.detailType === 'InferenceCompleted')).toEqual([
      {
        detailType: 'InferenceCompleted',
        detail: expect.objectContaining({
          model: 'haiku',
          provider: 'bedrock',
          inputTokens: 1000,
          outputTokens: 200,
          latencyMs: 350,
          costUsd: (1000 * 0.25 + 200 * 1.25) / 1e6,
          cached: false,
          tenant: 'acme',
          keyId: 'key-1',
          sessionId: 'sess-1',
        }),
      },
    ]);
  });

  it("lets the caller's parameters override the catalog defaults", async () => {
    const { pipeline, bedrock } = harness();

    await pipeline.complete(ask('hi', { model: 'sonnet', maxTokens: 64, temperature: 0, topP: 0.5, stopSequences: ['END'], system: 'Be brief.' }), ctx);

    expect(bedrock.calls[0]).toMatchObject({ maxTokens: 64, temperature: 0, topP: 0.5, stopSequences: ['END'], system: 'Be brief.' });
  });

  it('routes auto to the large model for complex prompts', async () => {
    const { pipeline } = harness();

    const simple = await pipeline.complete(ask('Is it in stock?'), ctx);
    const complex = await pipeline.complete(ask('Compare the first two arcs of Berserk'), ctx);

    expect([simple.model, complex.model]).toEqual(['haiku', 'sonnet']);
    expect(complex.route).toEqual({ reason: 'auto' });
  });

  it('reports an unpriced model as costUsd null and unpriced in the event', async () => {
    const { pipeline, events } = harness();

    const result = await pipeline.complete(ask('hi', { model: 'llama' }), ctx);

    expect(result.costUsd).toBeNull();
    expect(events.at(-1)?.detail).toMatchObject({ costUsd: null, unpriced: true });
  });

  it('never lets a failing publish function break the call, and reports it', async () => {
    const reported: string[] = [];
    const sync = harness({
      publish: () => {
        throw new Error('bus down');
      },
      options: { onError: (_e, where) => void reported.push(where) },
    });
    const async = harness({ publish: async () => Promise.reject(new Error('bus down')), options: { onError: (_e, where) => void reported.push(where) } });

    await expect(sync.pipeline.complete(ask('hi'), ctx)).resolves.toMatchObject({ text: 'Hello there' });
    await expect(async.pipeline.complete(ask('hi'), ctx)).resolves.toMatchObject({ text: 'Hello there' });
    await new Promise((r) => setImmediate(r));

    expect(reported).toEqual(['publish', 'publish']);
  });
});
