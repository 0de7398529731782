import { describe, expect, it } from 'vitest';
import { ask, ctx, harness, retryable } from './testing.ts';

describe('canary rollback through the pipeline', () => {
  it('zeroes a failing split variant and publishes CanaryRolledBack, while fallbacks keep callers served', async () => {
    const { pipeline, router, timers, events } = harness({
      routing: {
        splits: { chat: { variants: [{ model: 'haiku-direct', weight: 80 }, { model: 'sonnet', weight: 20 }] } },
        fallbacks: { sonnet: ['haiku-direct'] },
        canary: { minSamples: 5, maxErrorRate: 0.05 },
      },
      options: { retry: { retries: 0 }, breaker: { failureThreshold: 100 } },
      bedrock: [{ kind: 'fail', error: retryable() }],
    });

    const served: string[] = [];
    for (let i = 0; i < 60; i++) {
      const result = await timers.drive(pipeline.complete(ask(`q${i}`, { model: 'chat' }), { ...ctx, sessionId: `session-${i}` }));
      served.push(result.model);
    }

    expect(served.every((m) => m === 'haiku-direct')).toBe(true);
    expect(router.currentWeights('chat')).toEqual([{ model: 'haiku-direct', weight: 80 }, { model: 'sonnet', weight: 0 }]);
    const rollbacks = events.filter((e) => e.detailType === 'CanaryRolledBack');
    expect(rollbacks).toHaveLength(1);
    expect(rollbacks[0]?.detail).toMatchObject({ split: 'chat', variant: 'sonnet', samples: 5, failures: 5 });
  });

  it('does not count cache hits as canary samples', async () => {
    const { pipeline, router } = harness({
      routing: { splits: { chat: { variants: [{ model: 'haiku', weight: 1 }] } } },
    });
    const first = await pipeline.complete(ask('same', { model: 'chat' }), { ...ctx, sessionId: 'a' });

    const again = await pipeline.complete(ask('same', { model: 'chat' }), { ...ctx, sessionId: 'a' });

    expect([first.cached, again.cached]).toEqual([false, true]);
    expect(router.canaryStats('chat', 'haiku')).toEqual({ samples: 1, failures: 0, errorRate: 0 });
  });

  it('does not count a caller abort as a canary failure', async () => {
    const client = new AbortController();
    const { pipeline, router, timers } = harness({
      routing: { splits: { chat: { variants: [{ model: 'haiku', weight: 1 }] } } },
      bedrock: [{ kind: 'hang' }],
    });
    const pending = pipeline.complete(ask('q', { model: 'chat' }), { ...ctx, signal: client.signal });
    await timers.flush();

    client.abort();
    await pending.catch(() => undefined);

    expect(router.canaryStats('chat', 'haiku').samples).toBe(0);
  });
});
