/**
 * A process that uses one budget through its own LeasedBudgetLedger, for the
 * multi-process tests (`leased-processes.test.ts`). Run with
 * `node --import tsx ledger-child.ts '<json ChildPlan>'`: it opens the store,
 * prints `ready`, waits for `go` on stdin, then
 *   - hammer: reserves and settles in a few concurrent loops until refusals
 *     have lasted a while (six flush intervals, five refusals or more), closes the ledger and prints one JSON line of what
 *     it did (times in ms epoch, sub-millisecond);
 *   - hold: reserves once, prints `held`, and keeps running (renewing its
 *     lease) until it is killed.
 */
import { createInterface } from 'node:readline';
import { systemClock } from '../../../kernel/index.ts';
import { openStore } from '../../../store/index.ts';
import { LeasedBudgetLedger } from '../leased.ts';

export interface ChildPlan {
  mode: 'hammer' | 'hold';
  url: string;
  schema?: string;
  dataDir: string;
  scope: string;
  limitUsd: number;
  amountUsd: number;
  /** Real cost as a share of the hold. */
  actualShare: number;
  loops: number;
  settings: { flushIntervalMs: number; leaseTtlMs: number; leaseFraction: number };
}

/** [grantedAt, settledAt, held, actual] per granted reservation; refusal times apart. */
export interface ChildReport {
  granted: [number, number, number, number][];
  refusedAt: number[];
}

const plan = JSON.parse(process.argv[2]!) as ChildPlan;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const store = await openStore({ url: plan.url, dataDir: plan.dataDir, ...(plan.schema ? { schema: plan.schema } : {}), poolSize: 4 });
const ledger = new LeasedBudgetLedger({ store, clock: systemClock, settings: plan.settings });
const limits = { [plan.scope]: plan.limitUsd };
process.stdout.write('ready\n');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).on('line', (line) => line === 'go' && resolve()));

if (plan.mode === 'hold') {
  await ledger.reserve([plan.scope], plan.amountUsd, limits);
  process.stdout.write('held\n');
  setInterval(() => undefined, 1000);
} else {
  const report: ChildReport = { granted: [], refusedAt: [] };
  // Done once refusals have lasted six flush intervals, five or more of them (the others have
  // long handed back their spare); a slow answer under load is not a refusal.
  const quietMs = 6 * plan.settings.flushIntervalMs;
  let streak: { since: number; count: number } | undefined;
  const deadline = now() + 30_000;
  const loop = async () => {
    while (now() < deadline && !(streak && streak.count >= 5 && now() - streak.since >= quietMs)) {
      const result = await ledger.reserve([plan.scope], plan.amountUsd, limits);
      if (!result.ok) {
        report.refusedAt.push(now());
        streak = streak ? { since: streak.since, count: streak.count + 1 } : { since: now(), count: 1 };
        await sleep(5);
        continue;
      }
      streak = undefined;
      const grantedAt = now();
      await sleep(Math.random() * 3);
      const actual = plan.amountUsd * plan.actualShare;
      await ledger.settle(result.reservationId, actual);
      report.granted.push([grantedAt, now(), plan.amountUsd, actual]);
    }
  };
  await Promise.all(Array.from({ length: plan.loops }, loop));
  await ledger.close();
  await store.close();
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
