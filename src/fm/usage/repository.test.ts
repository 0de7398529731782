import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { FakeClock } from '../../kernel/index.ts';
import { fmMigrations } from '../migrations.ts';
import { usageFromCompleted } from './from-event.ts';
import { parseUsageRange } from './range.ts';
import { UsageRepository } from './repository.ts';
import type { UsageRecord } from './types.ts';

const DAY1 = Date.UTC(2026, 2, 1, 10);
const DAY2 = Date.UTC(2026, 2, 2, 23, 59);

const call = (over: Partial<UsageRecord>): UsageRecord => ({
  at: DAY1,
  tenant: 'acme',
  keyId: 'k1',
  model: 'haiku',
  provider: 'bedrock',
  providerModel: 'anthropic.claude-3-haiku',
  inputTokens: 100,
  outputTokens: 10,
  latencyMs: 200,
  providerWaitMs: 190,
  cached: false,
  costUsd: 0.001,
  stopReason: 'end_turn',
  attempts: 1,
  fallbackUsed: false,
  ...over,
});

for (const backend of storeBackends) {
  describe(`UsageRepository [${backend.name}]`, () => {
    let cleanup: () => Promise<void> = async () => undefined;
    afterEach(() => cleanup());

    const seeded = async () => {
      const opened = await backend.open(fmMigrations);
      cleanup = opened.cleanup;
      const usage = new UsageRepository({ store: opened.store, clock: new FakeClock(DAY1) });
      usage.record(call({}));
      usage.record(call({ model: 'sonnet', inputTokens: 1000, outputTokens: 100, costUsd: 0.0045, latencyMs: 400 }));
      usage.record(call({ keyId: 'k2', cached: true, costUsd: 0, at: DAY2 }));
      usage.record(call({ model: 'llama', provider: 'ollama', costUsd: null, at: DAY2 }));
      usage.record(call({ tenant: 'globex', keyId: 'k9', costUsd: 0.5 }));
      return usage;
    };

    it('totals by model, counting unpriced calls apart and never as $0', async () => {
      const usage = await seeded();

      const report = await usage.report({ groupBy: 'model', tenant: 'acme' });

      expect(report.groups.map((g) => [g.group, g.calls, g.unpricedCalls, g.costUsd])).toEqual([
        ['haiku', 2, 0, 0.001],
        ['llama', 1, 1, null],
        ['sonnet', 1, 0, 0.0045],
      ]);
      expect(report.totals).toMatchObject({ calls: 4, cachedCalls: 1, unpricedCalls: 1, inputTokens: 1300, outputTokens: 130 });
      expect(report.totals.costUsd).toBeCloseTo(0.0055, 12);
    });

    it('counts prompt-cache reads and writes apart from input tokens, per group and in total', async () => {
      const usage = await seeded();
      usage.record(call({ model: 'sonnet', inputTokens: 50, cacheReadTokens: 9_000, cacheWriteTokens: 1_200 }));
      usage.record(call({ model: 'sonnet', inputTokens: 50, cacheReadTokens: 9_000 }));

      const report = await usage.report({ groupBy: 'model', tenant: 'acme' });

      expect(report.groups.find((g) => g.group === 'sonnet')).toMatchObject({ calls: 3, inputTokens: 1100, cacheReadTokens: 18_000, cacheWriteTokens: 1_200 });
      expect(report.groups.find((g) => g.group === 'haiku')).toMatchObject({ cacheReadTokens: 0, cacheWriteTokens: 0 });
      expect(report.totals).toMatchObject({ inputTokens: 1400, cacheReadTokens: 18_000, cacheWriteTokens: 1_200 });
    });

    it('groups by key and by UTC day, and a tenant sees only its own calls', async () => {
      const usage = await seeded();

      const byKey = await usage.report({ groupBy: 'key', tenant: 'acme' });
      const byDay = await usage.report({ groupBy: 'day', tenant: 'acme' });

      expect(byKey.groups.map((g) => [g.group, g.calls])).toEqual([['k1', 3], ['k2', 1]]);
      expect(byDay.groups.map((g) => [g.group, g.calls])).toEqual([['2026-03-01', 2], ['2026-03-02', 2]]);
    });

    it('reports every tenant when no tenant is given, and filters by time range', async () => {
      const usage = await seeded();

      const all = await usage.report({ groupBy: 'tenant' });
      const day2 = await usage.report({ groupBy: 'tenant', ...parseUsageRange('2026-03-02', '2026-03-02') });

      expect(all.groups.map((g) => [g.group, g.calls])).toEqual([['acme', 4], ['globex', 1]]);
      expect(day2.groups.map((g) => [g.group, g.calls])).toEqual([['acme', 2]]);
      expect(day2.from).toBe('2026-03-02T00:00:00.000Z');
      expect(day2.to).toBe('2026-03-03T00:00:00.000Z');
    });
  });
}

describe('usageFromCompleted', () => {
  it('reads the prompt-cache token counts of an InferenceCompleted detail (absent: 0)', () => {
    const detail = { tenant: 'acme', model: 'sonnet', inputTokens: 10, outputTokens: 5, cacheReadTokens: 900, cacheWriteTokens: 120, costUsd: 0.01 };

    expect(usageFromCompleted(detail, DAY1)).toMatchObject({ inputTokens: 10, cacheReadTokens: 900, cacheWriteTokens: 120 });
    expect(usageFromCompleted({ tenant: 'acme', model: 'sonnet' }, DAY1)).toMatchObject({ cacheReadTokens: 0, cacheWriteTokens: 0 });
  });
});

describe('parseUsageRange', () => {
  it('treats a date `to` as inclusive of its day and a date-time `to` as exclusive', () => {
    expect(parseUsageRange('2026-03-01', '2026-03-01')).toEqual({ from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 2) });
    expect(parseUsageRange(undefined, '2026-03-01T12:00:00Z')).toEqual({ to: Date.UTC(2026, 2, 1, 12) });
  });

  it('refuses unparsable dates and an empty range', () => {
    expect(() => parseUsageRange('yesterday', undefined)).toThrow(/from: not a date/);
    expect(() => parseUsageRange('2026-03-02', '2026-03-01T00:00:00Z')).toThrow(/after/);
  });
});
