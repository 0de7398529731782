import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends, storeLocation } from '../../../test/support/backends.ts';
import { systemClock } from '../../kernel/index.ts';
import { fmMigrations } from '../migrations.ts';
import { fm } from '../tables.ts';
import { spareFor } from './lease-plan.ts';
import { LeasedBudgetLedger } from './leased.ts';
import type { ChildPlan, ChildReport } from './testing/ledger-child.ts';

/*
 * Real processes (node + tsx, each its own ledger, pool and timers) share one
 * budget in one store. Bounds the tests check, from ledger/README.md: the
 * settled total never passes the limit; the first refusal comes only once at
 * most every process's spare (1.5 × spareFor) plus the holds in flight
 * (processes × loops × amount) is left; in the end less than one
 * reservation is left; and a SIGKILLed process's allowance (its spare and the
 * hold it had in flight) comes back when its lease expires.
 */
const CHILD = fileURLToPath(new URL('./testing/ledger-child.ts', import.meta.url));
const children = new Set<ChildProcess>();
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});

interface Running {
  child: ChildProcess;
  ready: Promise<void>;
  line: (match: RegExp) => Promise<string>;
  exited: Promise<number | null>;
}

function start(plan: ChildPlan): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(plan)], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  let err = '';
  const waiters: { match: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout!.on('data', (d) => {
    out += d;
    for (const w of [...waiters]) {
      const line = out.split('\n').find((l) => w.match.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const line = (match: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const found = out.split('\n').find((l) => match.test(l));
      if (found !== undefined) return resolve(found);
      waiters.push({ match, resolve });
      void exited.then((code) => reject(new Error(`child exited ${code} before ${match}: ${err}`)));
    });
  return { child, ready: line(/^ready$/).then(() => undefined), line, exited };
}

/** What was held or settled at time t, over every process's report. */
function usedAt(reports: ChildReport[], t: number): number {
  let used = 0;
  for (const r of reports) {
    for (const [grantedAt, settledAt, held, actual] of r.granted) {
      if (settledAt <= t) used += actual;
      else if (grantedAt <= t) used += held;
    }
  }
  return used;
}

for (const backend of storeBackends) {
  describe(`LeasedBudgetLedger across processes [${backend.name}]`, () => {
    it('several processes hammering one budget never overspend it, and refuse only once it is spent', async () => {
      const { store, cleanup } = await backend.open(fmMigrations);
      try {
        const location = storeLocation(store);
        const settings = { flushIntervalMs: 50, leaseTtlMs: 3_000, leaseFraction: 0.02 };
        const plan: ChildPlan = { mode: 'hammer', ...location, scope: 'tenant:acme:day', limitUsd: 1, amountUsd: 0.002, actualShare: 0.75, loops: 4, settings };
        const procs = Array.from({ length: 4 }, () => start(plan));
        await Promise.all(procs.map((p) => p.ready));

        for (const p of procs) p.child.stdin!.write('go\n');
        const reports = await Promise.all(procs.map(async (p) => JSON.parse(await p.line(/^\{/)) as ChildReport));

        const settled = Number((await fm(store.db).selectFrom('fm_budget_scopes').select('settled_usd').where('scope_key', '=', plan.scope).executeTakeFirst())?.settled_usd);
        const reported = reports.flatMap((r) => r.granted).reduce((sum, g) => sum + g[3], 0);
        expect(settled).toBeCloseTo(reported, 9); // nothing lost: every close wrote its spend
        expect(settled).toBeLessThanOrEqual(plan.limitUsd + 1e-9);
        expect(settled).toBeGreaterThan(plan.limitUsd - plan.amountUsd); // spent to the last reservation
        expect(reports.filter((r) => r.granted.length > 0).length).toBeGreaterThan(1); // the budget really was shared
        const firstRefusal = Math.min(...reports.flatMap((r) => r.refusedAt));
        const slack = 4 * 1.5 * spareFor(plan.limitUsd, plan.amountUsd, settings.leaseFraction) + 4 * plan.loops * plan.amountUsd;
        expect(usedAt(reports, firstRefusal)).toBeGreaterThanOrEqual(plan.limitUsd - slack);
        expect(await fm(store.db).selectFrom('fm_budget_leases').selectAll().execute()).toEqual([]); // every close handed its lease back
      } finally {
        await cleanup();
      }
    }, 90_000);

    it("gives a SIGKILLed process's allowance back when its lease expires", async () => {
      const { store, cleanup } = await backend.open(fmMigrations);
      const settings = { flushIntervalMs: 100, leaseTtlMs: 1_500, leaseFraction: 0.5 };
      const ledger = new LeasedBudgetLedger({ store, clock: systemClock, settings });
      try {
        const plan: ChildPlan = { mode: 'hold', ...storeLocation(store), scope: 's', limitUsd: 1, amountUsd: 0.3, actualShare: 1, loops: 1, settings };
        const proc = start(plan);
        await proc.ready;
        proc.child.stdin!.write('go\n');
        await proc.line(/^held$/); // 0.3 in flight + 0.5 spare leased

        proc.child.kill('SIGKILL');
        await proc.exited;
        const killedAt = Date.now();
        const whileLeased = await ledger.reserve(['s'], 0.9, { s: 1 });
        let after = await ledger.reserve(['s'], 0.9, { s: 1 });
        while (!after.ok && Date.now() - killedAt < 10_000) {
          await new Promise((r) => setTimeout(r, 100));
          after = await ledger.reserve(['s'], 0.9, { s: 1 });
        }

        expect(whileLeased).toMatchObject({ ok: false, scopeKey: 's' });
        expect(after.ok).toBe(true);
        expect(Date.now() - killedAt).toBeLessThan(settings.leaseTtlMs + 2_000);
      } finally {
        await ledger.close();
        await cleanup();
      }
    }, 60_000);
  });
}
