export type BudgetPeriod = 'daily' | 'monthly';

/** The UTC period containing `now`: its label (part of the scope key) and when it ends. */
export function periodOf(period: BudgetPeriod, now: number): { label: string; endsAt: number } {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (period === 'monthly') {
    return { label: `${y}-${String(m + 1).padStart(2, '0')}`, endsAt: Date.UTC(y, m + 1, 1) };
  }
  return { label: d.toISOString().slice(0, 10), endsAt: Date.UTC(y, m, d.getUTCDate() + 1) };
}
