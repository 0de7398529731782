import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../kernel/index.ts';
import { RetryBudget } from './retry-budget.ts';

describe('RetryBudget', () => {
  it('allows the floor, then 20 % of requests', () => {
    const clock = new FakeClock();
    const budget = new RetryBudget({ minRetries: 2, ratio: 0.2, windowMs: 10_000 }, clock);
    for (let i = 0; i < 10; i++) budget.recordRequest('k');

    const granted = Array.from({ length: 10 }, () => budget.tryRetry('k')).filter(Boolean).length;

    expect(granted).toBe(4); // 2 + 0.2 × 10
  });

  it('refills as old retries leave the window', () => {
    const clock = new FakeClock();
    const budget = new RetryBudget({ minRetries: 1, ratio: 0, windowMs: 10_000 }, clock);
    expect(budget.tryRetry('k')).toBe(true);
    expect(budget.tryRetry('k')).toBe(false);

    clock.tick(10_000);

    expect(budget.tryRetry('k')).toBe(true);
  });

  it('keeps separate budgets per key', () => {
    const clock = new FakeClock();
    const budget = new RetryBudget({ minRetries: 1, ratio: 0 }, clock);

    expect(budget.tryRetry('a')).toBe(true);
    expect(budget.tryRetry('a')).toBe(false);
    expect(budget.tryRetry('b')).toBe(true);
  });
});
