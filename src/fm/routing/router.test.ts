import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../kernel/index.ts';
import { Router } from './router.ts';
import type { RoutingOptions } from './config.ts';
import { seededRandom } from './random.ts';
import { testCatalog } from './test-catalog.ts';

const ask = (content: string) => ({ latestUserText: () => content });

function setup(options: RoutingOptions = {}, publish?: (t: string, d: Record<string, unknown>) => void) {
  const clock = new FakeClock();
  const events: { detailType: string; detail: Record<string, unknown> }[] = [];
  const router = new Router(options, {
    catalog: testCatalog(),
    clock,
    random: seededRandom(3),
    publish: publish ?? ((detailType, detail) => void events.push({ detailType, detail })),
  });
  return { clock, router, events };
}

const split = {
  splits: { chat: { variants: [{ model: 'haiku', weight: 80 }, { model: 'sonnet', weight: 20 }] } },
  canary: { minSamples: 20, maxErrorRate: 0.05, windowMs: 60_000 },
};

describe('Router', () => {
  it('routes an explicit alias or provider model id to that model', () => {
    const { router } = setup();

    expect(router.route({ model: 'sonnet', ...ask('hi') })).toMatchObject({ reason: 'explicit', candidates: [{ alias: 'sonnet' }] });
    expect(router.route({ model: 'claude-3-haiku-20240307', ...ask('hi') }).candidates[0]?.alias).toBe('haiku-direct');
  });

  it('refuses an unknown model with FM_UNKNOWN_MODEL', () => {
    const { router } = setup();

    expect(() => router.route({ model: 'gpt-9', ...ask('hi') })).toThrow(expect.objectContaining({ code: 'FM_UNKNOWN_MODEL' }));
  });

  // Found by the fuzz suite: `possibleEntries` (the budget reservation) read the splits
  // object by the caller's model name, so `__proto__` was a "split" and a 500.
  it('refuses a model named like an Object property (__proto__, constructor, toString) with FM_UNKNOWN_MODEL', () => {
    const { router } = setup(split);

    for (const model of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(() => router.possibleEntries(model), model).toThrow(expect.objectContaining({ code: 'FM_UNKNOWN_MODEL' }));
      expect(() => router.route({ model, ...ask('hi') }), model).toThrow(expect.objectContaining({ code: 'FM_UNKNOWN_MODEL' }));
    }
  });

  it('routes auto (the default) by prompt complexity', () => {
    const { router } = setup();

    expect(router.route(ask('Is volume 3 in stock?')).candidates[0]?.alias).toBe('haiku');
    expect(router.route({ model: 'auto', ...ask('Summarize the reviews of Berserk') })).toMatchObject({
      reason: 'auto',
      candidates: [{ alias: 'sonnet' }],
    });
  });

  it('appends the configured fallback chain, without repeats', () => {
    const { router } = setup({ fallbacks: { sonnet: ['haiku', 'sonnet', 'llama'] } });

    const route = router.route({ model: 'sonnet', ...ask('x') });

    expect(route.candidates.map((c) => c.alias)).toEqual(['sonnet', 'haiku', 'llama']);
  });

  it('lists every model a request could reach, for budget reservations', () => {
    const { router } = setup({ ...split, fallbacks: { haiku: ['llama'] } });

    expect(router.possibleEntries('chat').map((e) => e.alias).sort()).toEqual(['haiku', 'llama', 'sonnet']);
    expect(router.possibleEntries().map((e) => e.alias).sort()).toEqual(['haiku', 'llama', 'sonnet']);
    expect(router.possibleEntries('sonnet').map((e) => e.alias)).toEqual(['sonnet']);
  });

  it('keeps a session on one split variant', () => {
    const { router } = setup(split);

    const picks = new Set(Array.from({ length: 30 }, () => router.route({ model: 'chat', ...ask('x') }, { sessionId: 'abc' }).split?.variant));

    expect(picks.size).toBe(1);
  });

  it('draws from the injected RNG when there is no session', () => {
    const { router } = setup(split);

    const picks = Array.from({ length: 2_000 }, () => router.route({ model: 'chat', ...ask('x') }).split?.variant);

    const share = picks.filter((v) => v === 'sonnet').length / picks.length;
    expect(share).toBeGreaterThan(0.17);
    expect(share).toBeLessThan(0.23);
  });

  it('rolls back a variant whose error rate passes 5 % once it has enough samples, and publishes it', () => {
    const { router, events } = setup(split);
    const canary = { requested: 'chat', reason: 'split' as const, split: { name: 'chat', variant: 'sonnet' }, candidates: [] };
    for (let i = 0; i < 18; i++) router.recordOutcome(canary, true);
    router.recordOutcome(canary, false);
    router.recordOutcome(canary, false); // 2/20 = 10 %, at the minimum sample count

    expect(router.currentWeights('chat')).toEqual([{ model: 'haiku', weight: 80 }, { model: 'sonnet', weight: 0 }]);
    expect(events).toEqual([
      {
        detailType: 'CanaryRolledBack',
        detail: expect.objectContaining({ split: 'chat', variant: 'sonnet', previousWeight: 20, samples: 20, failures: 2, errorRate: 0.1 }),
      },
    ]);
    const after = Array.from({ length: 200 }, () => router.route({ model: 'chat', ...ask('x') }).split?.variant);
    expect(after.every((v) => v === 'haiku')).toBe(true);
  });

  it('gives no verdict below the minimum sample count, nor at or under the threshold', () => {
    const { router, events } = setup(split);
    const canary = { requested: 'chat', reason: 'split' as const, split: { name: 'chat', variant: 'sonnet' }, candidates: [] };
    for (let i = 0; i < 10; i++) router.recordOutcome(canary, false);
    expect(events).toHaveLength(0); // 100 % errors, but only 10 samples

    const { router: r2, events: e2 } = setup(split);
    for (let i = 0; i < 19; i++) r2.recordOutcome(canary, true);
    r2.recordOutcome(canary, false); // exactly 5 %

    expect(e2).toHaveLength(0);
    expect(r2.currentWeights('chat')[1]?.weight).toBe(20);
  });

  it('forgets outcomes that leave the sliding window', () => {
    const { clock, router, events } = setup(split);
    const canary = { requested: 'chat', reason: 'split' as const, split: { name: 'chat', variant: 'sonnet' }, candidates: [] };
    for (let i = 0; i < 15; i++) router.recordOutcome(canary, false);

    clock.tick(61_000);
    for (let i = 0; i < 20; i++) router.recordOutcome(canary, true);

    expect(events).toHaveLength(0);
  });

  it('never rolls back the last live variant', () => {
    const { router, events } = setup(split);
    const outcome = (variant: string) => ({ requested: 'chat', reason: 'split' as const, split: { name: 'chat', variant }, candidates: [] });
    for (let i = 0; i < 20; i++) router.recordOutcome(outcome('sonnet'), false);
    for (let i = 0; i < 20; i++) router.recordOutcome(outcome('haiku'), false);

    expect(router.currentWeights('chat').map((v) => v.weight)).toEqual([80, 0]);
    expect(events).toHaveLength(1);
  });

  it('keeps routing when publishing the rollback throws, and can restore the weights', () => {
    const { router } = setup(split, () => {
      throw new Error('bus down');
    });
    const canary = { requested: 'chat', reason: 'split' as const, split: { name: 'chat', variant: 'sonnet' }, candidates: [] };

    for (let i = 0; i < 20; i++) router.recordOutcome(canary, false);
    expect(router.currentWeights('chat')[1]?.weight).toBe(0);

    router.restore('chat');
    expect(router.currentWeights('chat')[1]?.weight).toBe(20);
  });

  it('refuses a configuration naming unknown models or shadowing an alias', () => {
    const bad: RoutingOptions = {
      splits: { haiku: { variants: [{ model: 'nope', weight: 1 }] } },
      fallbacks: { sonnet: ['ghost'] },
    };

    expect(() => setup(bad)).toThrow(expect.objectContaining({ code: 'FM_ROUTING_INVALID' }));
  });
});
