import { describe, expect, it } from 'vitest';
import { ask, ctx, harness, retryable } from './testing.ts';

const routing = { fallbacks: { sonnet: ['haiku-direct', 'llama'] } };
const badRequest = () => Object.assign(new Error('too long'), { retryable: false, kind: 'client' });

describe('fallback chain', () => {
  it('moves to the next model once the first has used its retries', async () => {
    const { pipeline, timers, bedrock, anthropic } = harness({ routing, bedrock: [{ kind: 'fail', error: retryable() }] });

    const result = await timers.drive(pipeline.complete(ask('hi', { model: 'sonnet' }), ctx));

    expect(result).toMatchObject({ model: 'haiku-direct', provider: 'anthropic', fallbackUsed: true, attempts: 4 });
    expect(bedrock.calls).toHaveLength(3);
    expect(anthropic.calls).toHaveLength(1);
  });

  it('falls back at once, without retries, on an error that is not retryable', async () => {
    const { pipeline, bedrock } = harness({ routing, bedrock: [{ kind: 'fail', error: badRequest() }] });

    const result = await pipeline.complete(ask('hi', { model: 'sonnet' }), ctx);

    expect(result.model).toBe('haiku-direct');
    expect(bedrock.calls).toHaveLength(1);
  });

  it("returns the request's own error when every model refused it as invalid", async () => {
    const { HashiError } = await import('../../kernel/index.ts');
    const rejected = () => new (class extends HashiError {
      readonly retryable = false;
    })('FM_PROVIDER_REJECTED', 'prompt too long', { status: 422 });
    const { pipeline } = harness({
      routing: { fallbacks: { sonnet: ['haiku-direct'] } },
      bedrock: [{ kind: 'fail', error: rejected() }],
      anthropic: [{ kind: 'fail', error: rejected() }],
    });

    await expect(pipeline.complete(ask('hi', { model: 'sonnet' }), ctx)).rejects.toMatchObject({ code: 'FM_PROVIDER_REJECTED', status: 422 });
  });

  it('throws FM_UNAVAILABLE listing every attempt when the whole chain fails', async () => {
    const { pipeline, timers } = harness({
      routing,
      bedrock: [{ kind: 'fail', error: retryable() }],
      anthropic: [{ kind: 'fail', error: badRequest() }],
      ollama: [{ kind: 'fail', error: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) }],
    });

    const outcome = timers.drive(pipeline.complete(ask('hi', { model: 'sonnet' }), ctx));

    await expect(outcome).rejects.toMatchObject({
      code: 'FM_UNAVAILABLE',
      status: 503,
      details: {
        attempts: [
          expect.objectContaining({ model: 'sonnet', provider: 'bedrock' }),
          expect.objectContaining({ model: 'haiku-direct', provider: 'anthropic' }),
          expect.objectContaining({ model: 'llama', provider: 'ollama' }),
        ],
      },
    });
  });

  it('skips a model whose provider is not configured', async () => {
    const h = harness({ routing });
    h.providers.delete('bedrock');

    const result = await h.pipeline.complete(ask('hi', { model: 'sonnet' }), ctx);

    expect(result).toMatchObject({ model: 'haiku-direct', fallbackUsed: true });
  });

  it('skips text-only models for a request with images, and refuses when none accepts images', async () => {
    const image = { role: 'user' as const, content: [{ type: 'text' as const, text: 'What manga is this?' }, { type: 'image' as const, mediaType: 'image/png', data: 'iVBORw0KGgo=' }] };
    const { pipeline, ollama } = harness({ routing: { fallbacks: { llama: ['haiku'] } } });

    const result = await pipeline.complete({ model: 'llama', messages: [image] }, ctx);
    expect(result.model).toBe('haiku');
    expect(ollama.calls).toHaveLength(0);

    const textOnly = harness();
    await expect(textOnly.pipeline.complete({ model: 'llama', messages: [image] }, ctx)).rejects.toMatchObject({
      code: 'FM_IMAGES_UNSUPPORTED',
      status: 400,
    });
  });
});
