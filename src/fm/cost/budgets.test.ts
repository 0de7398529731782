import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../kernel/index.ts';
import { Budgets } from './budgets.ts';
import { MemoryBudgetLedger } from './memory-ledger.ts';

const NOON = Date.UTC(2026, 2, 14, 12, 0, 0);

describe('Budgets', () => {
  it('tracks four scopes — key and tenant, daily and monthly, in UTC periods', () => {
    const budgets = new Budgets({ ledger: new MemoryBudgetLedger(), clock: new FakeClock(NOON) });

    const scopes = budgets.scopesFor({ tenant: 'acme', keyId: 'k1' });

    expect(scopes.map((s) => s.scopeKey)).toEqual([
      'fm:budget:tenant:acme:key:k1:daily:2026-03-14',
      'fm:budget:tenant:acme:key:k1:monthly:2026-03',
      'fm:budget:tenant:acme:daily:2026-03-14',
      'fm:budget:tenant:acme:monthly:2026-03',
    ]);
  });

  it('refuses with FM_BUDGET_EXCEEDED (429) naming the budget, Retry-After at the next UTC midnight', async () => {
    const clock = new FakeClock(NOON);
    const budgets = new Budgets({ ledger: new MemoryBudgetLedger(), clock, policy: { key: { dailyUsd: 1 } } });
    await budgets.reserve({ tenant: 'acme', keyId: 'k1' }, 0.75);

    const refusal = budgets.reserve({ tenant: 'acme', keyId: 'k1' }, 0.5);

    await expect(refusal).rejects.toMatchObject({
      code: 'FM_BUDGET_EXCEEDED',
      status: 429,
      retryAfterSeconds: 12 * 3600,
      details: { budget: 'key daily', limitUsd: 1, usedUsd: 0.75, requestedUsd: 0.5, resetsAt: '2026-03-15T00:00:00.000Z' },
    });
  });

  it('lets a per-tenant override replace the default and keeps other tenants on the default', async () => {
    const clock = new FakeClock(NOON);
    const policy = { tenant: { monthlyUsd: 1 }, tenants: { bigco: { monthlyUsd: 100 } } };
    const budgets = new Budgets({ ledger: new MemoryBudgetLedger(), clock, policy });

    await expect(budgets.reserve({ tenant: 'bigco' }, 50)).resolves.toMatchObject({ amountUsd: 50 });
    await expect(budgets.reserve({ tenant: 'small' }, 2)).rejects.toMatchObject({ details: { budget: 'tenant monthly' } });
  });

  it('settles the real cost, freeing the rest of the hold', async () => {
    const clock = new FakeClock(NOON);
    const ledger = new MemoryBudgetLedger();
    const budgets = new Budgets({ ledger, clock, policy: { tenant: { dailyUsd: 1 } } });
    const hold = await budgets.reserve({ tenant: 'acme' }, 0.9);

    await budgets.settle(hold, 0.1);

    await expect(budgets.reserve({ tenant: 'acme' }, 0.9)).resolves.toBeDefined();
    expect(await ledger.balance('fm:budget:tenant:acme:daily:2026-03-14')).toMatchObject({ settledUsd: 0.1 });
  });

  it('starts a fresh daily budget after UTC midnight', async () => {
    const clock = new FakeClock(NOON);
    const budgets = new Budgets({ ledger: new MemoryBudgetLedger(), clock, policy: { tenant: { dailyUsd: 1 } } });
    await budgets.reserve({ tenant: 'acme' }, 1);
    await expect(budgets.reserve({ tenant: 'acme' }, 0.1)).rejects.toMatchObject({ code: 'FM_BUDGET_EXCEEDED' });

    clock.tick(12 * 3600 * 1000);

    await expect(budgets.reserve({ tenant: 'acme' }, 0.1)).resolves.toBeDefined();
  });

  describe('unpriced models', () => {
    const llama = { alias: 'llama', price: null };
    const haiku = { alias: 'haiku', price: { inputPerMillion: 0.25, outputPerMillion: 1.25 } };

    it('refuses a model without a price when a USD limit applies, naming the model, the budget and the fix (403)', () => {
      const budgets = new Budgets({ ledger: new MemoryBudgetLedger(), clock: new FakeClock(NOON), policy: { key: { dailyUsd: 5 } } });

      const check = () => budgets.checkPriced({ tenant: 'acme', keyId: 'k1' }, [haiku, llama]);

      expect(check).toThrow(expect.objectContaining({ code: 'FM_MODEL_UNPRICED', status: 403, details: { models: ['llama'], budget: 'key daily', limitUsd: 5 } }));
      expect(check).toThrow(/Model "llama" has no price.*fm\.models\.llama\.price.*fm\.budgets\.unpriced: fallback/);
    });

    it('lets callers without any limit use unpriced models (their cost stays unknown)', () => {
      const budgets = new Budgets({ ledger: new MemoryBudgetLedger(), clock: new FakeClock(NOON), policy: { tenants: { other: { dailyUsd: 1 } } } });

      expect(() => budgets.checkPriced({ tenant: 'acme', keyId: 'k1' }, [llama])).not.toThrow();
      expect(budgets.priceOf(llama)).toBeNull();
    });

    it('charges unpriced models at the fallback price under policy fallback, and keeps priced models at their own', () => {
      const fallbackPrice = { inputPerMillion: 10, outputPerMillion: 30 };
      const budgets = new Budgets({ ledger: new MemoryBudgetLedger(), clock: new FakeClock(NOON), policy: { key: { dailyUsd: 5 }, unpriced: 'fallback', fallbackPrice } });

      expect(() => budgets.checkPriced({ tenant: 'acme', keyId: 'k1' }, [llama])).not.toThrow();
      expect(budgets.priceOf(llama)).toEqual(fallbackPrice);
      expect(budgets.priceOf(haiku)).toBe(haiku.price);
    });
  });
});
