/**
 * FM accounting off the request path, in one run, SQLite always and
 * PostgreSQL when HASHI_TEST_PG_URL is set:
 *   1. budgets: reserve + settle pairs per second and CPU µs per pair through
 *      `Budgets` (4 scopes per call: key and tenant, daily and monthly, two of
 *      them limited), 32 concurrent callers over 10 keys of one tenant —
 *      SqlBudgetLedger (a transaction per reserve and per settle, group commit
 *      on SQLite) vs LeasedBudgetLedger (memory against leases; the timed
 *      run includes the final flush);
 *   2. usage rows and 3. InferenceCompleted events: N completions arriving 2
 *      per event-loop turn, written per turn without a shared transaction (the
 *      gateway before) vs batched per 100 ms flush (one multi-row INSERT; one
 *      transaction for all PutEvents), until all are written.
 * CPU is this process's (the gateway's side); the database server's is not counted.
 *   npx tsx bench/fm-ledger.ts [seconds=5] [events=5000]
 * Writes bench/results/fm-ledger.json.
 */
import { loadavg } from 'node:os';
import { readEnvironment } from '../src/config/index.ts';
import { EventBus, eventsMigrations } from '../src/events/index.ts';
import { Budgets, type BudgetLedger } from '../src/fm/cost/index.ts';
import { fmMigrations, LeasedBudgetLedger, publishToBus, SqlBudgetLedger, UsageRepository } from '../src/fm/index.ts';
import { systemClock } from '../src/kernel/index.ts';
import { silentLogger } from '../src/observability/index.ts';
import { Queue, queueMigrations } from '../src/queue/index.ts';
import type { Store } from '../src/store/index.ts';
import { postgresBackend, sqliteBackend, type StoreBackend } from '../test/support/backends.ts';
import { environment, round, writeResult } from './support/report.ts';

const SECONDS = Number(process.argv[2] ?? 5);
const EVENTS = Number(process.argv[3] ?? 5000);
const CALLERS = 32;
const PER_TURN = 2;
const HOLD_USD = 0.005;
const COST_USD = 0.001;
const POLICY = { key: { dailyUsd: 1_000_000 }, tenant: { monthlyUsd: 10_000_000 } };

function measured<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuUs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  return fn().then((value) => {
    const cpu = process.cpuUsage(cpu0);
    return { value, ms: performance.now() - t0, cpuUs: cpu.user + cpu.system };
  });
}

async function ledgerRun(ledger: BudgetLedger, flush: () => Promise<void>) {
  const budgets = new Budgets({ ledger, clock: systemClock, policy: POLICY });
  const until = performance.now() + SECONDS * 1000;
  const run = await measured(async () => {
    let pairs = 0;
    await Promise.all(
      Array.from({ length: CALLERS }, async (_, c) => {
        const subject = { tenant: 'acme', keyId: `k${c % 10}` };
        while (performance.now() < until) {
          const hold = await budgets.reserve(subject, HOLD_USD);
          await budgets.settle(hold, COST_USD);
          pairs++;
        }
      }),
    );
    await flush();
    return pairs;
  });
  const spent = (await ledger.balance(budgets.scopesFor({ tenant: 'acme' })[1]!.scopeKey)).settledUsd;
  if (Math.abs(spent - run.value * COST_USD) > 1e-6) throw new Error(`tenant monthly settled ${spent}, expected ${run.value * COST_USD}`);
  return { pairs: run.value, pairsPerSec: round((run.value / run.ms) * 1000), cpuUsPerPair: round(run.cpuUs / run.value, 2) };
}

/** N completions, PER_TURN per event-loop turn; resolves when all are written. */
async function arrivals(n: number, emit: (i: number) => Promise<void> | void, flush: () => Promise<void>) {
  return measured(async () => {
    const pending: Promise<void>[] = [];
    for (let i = 0; i < n; i += PER_TURN) {
      for (let k = i; k < Math.min(n, i + PER_TURN); k++) {
        const p = emit(k);
        if (p) pending.push(p);
      }
      await new Promise((r) => setImmediate(r));
    }
    await flush();
    await Promise.all(pending);
  });
}

const usageRecord = (i: number) => ({
  at: Date.now(), tenant: 'acme', keyId: `k${i % 10}`, model: 'haiku', provider: 'anthropic', providerModel: 'claude-3-haiku',
  inputTokens: 100, outputTokens: 20, cacheReadTokens: 0, cacheWriteTokens: 0, latencyMs: 5, providerWaitMs: 4, cached: false,
  costUsd: 0.0001, stopReason: 'end_turn', attempts: 1, fallbackUsed: false,
});

async function usageRun(store: Store, flushIntervalMs: number) {
  const usage = new UsageRepository({ store, clock: systemClock, flushIntervalMs });
  const run = await arrivals(EVENTS, (i) => usage.record(usageRecord(i)), () => usage.flush());
  return { rowsPerSec: round((EVENTS / run.ms) * 1000), cpuUsPerRow: round(run.cpuUs / EVENTS, 2) };
}

async function eventsRun(store: Store, batched: boolean) {
  const queue = new Queue({ store, clock: systemClock, settings: { pollIntervalMs: 1000, sweepIntervalMs: 60_000, defaults: { concurrency: 1, maxAttempts: 3, backoffBaseMs: 1000, backoffMaxMs: 60_000, maxAgeMs: 3_600_000, visibilityTimeoutMs: 30_000, batchSize: 50 }, types: {} }, logger: silentLogger() });
  const bus = new EventBus({ store, queue, clock: systemClock, logger: silentLogger(), settings: { scheduler: { enabled: false, intervalMs: 60_000 } } });
  bus.registerFunction('analytics', async () => undefined);
  // Like MangaAssist's analytics rule: every InferenceCompleted → one delivery job (the workers are not running).
  await bus.putRule({ Name: 'analytics', EventPattern: { source: ['hashi.fm'], 'detail-type': ['InferenceCompleted'] }, Targets: [{ Id: 'a', Arn: 'function:analytics' }] });
  const publish = batched ? publishToBus(bus, { transaction: (work) => store.transaction(work), flushIntervalMs: 100 }) : publishToBus(bus, { flushIntervalMs: 0 });
  const run = await arrivals(EVENTS, (i) => publish('InferenceCompleted', { ...usageRecord(i) }) as Promise<void>, () => publish.flush());
  return { eventsPerSec: round((EVENTS / run.ms) * 1000), cpuUsPerEvent: round(run.cpuUs / EVENTS, 2) };
}

async function fresh<T>(backend: StoreBackend, fn: (store: Store) => Promise<T>): Promise<T> {
  const { store, cleanup } = await backend.open({ ...fmMigrations, ...queueMigrations, ...eventsMigrations });
  try {
    return await fn(store);
  } finally {
    await cleanup();
  }
}

async function measure(backend: StoreBackend) {
  const sql = await fresh(backend, (store) => ledgerRun(new SqlBudgetLedger({ store, clock: systemClock }), async () => undefined));
  const leased = await fresh(backend, async (store) => {
    const ledger = new LeasedBudgetLedger({ store, clock: systemClock });
    const result = await ledgerRun(ledger, () => ledger.flush());
    await ledger.close();
    return result;
  });
  const usagePerTurn = await fresh(backend, (store) => usageRun(store, 0));
  const usageBatched = await fresh(backend, (store) => usageRun(store, 100));
  const eventsPerTurn = await fresh(backend, (store) => eventsRun(store, false));
  const eventsBatched = await fresh(backend, (store) => eventsRun(store, true));
  return {
    backend: backend.name,
    budgets: { sqlLedger: sql, leasedLedger: leased, throughputRatio: round(leased.pairsPerSec / sql.pairsPerSec, 1), cpuRatio: round(leased.cpuUsPerPair / sql.cpuUsPerPair, 3) },
    usageRows: { perTurn: usagePerTurn, batched: usageBatched, cpuRatio: round(usageBatched.cpuUsPerRow / usagePerTurn.cpuUsPerRow, 3) },
    inferenceCompleted: { perTurn: eventsPerTurn, batched: eventsBatched, cpuRatio: round(eventsBatched.cpuUsPerEvent / eventsPerTurn.cpuUsPerEvent, 3) },
  };
}

const env = readEnvironment();
const backends = env.testPgUrl ? [sqliteBackend, postgresBackend] : [sqliteBackend];
const loadBefore = round(loadavg()[0]!);
const results = [];
for (const b of backends) {
  const r = await measure(b);
  console.log(JSON.stringify(r));
  results.push(r);
}
const file = writeResult('fm-ledger', {
  benchmark:
    `FM accounting: budget reserve+settle pairs (Budgets, 4 scopes, ${CALLERS} concurrent callers, ${SECONDS} s) SqlBudgetLedger vs LeasedBudgetLedger; usage rows and InferenceCompleted events (${EVENTS}, ${PER_TURN} per event-loop turn) written per turn vs batched per 100 ms flush; CPU is the gateway process's`,
  command: `flock /tmp/hashi-heavy.lock env HASHI_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/fm-ledger.ts ${SECONDS} ${EVENTS}`,
  ...environment(),
  loadAverage1m: { before: loadBefore, after: round(loadavg()[0]!) },
  results,
});
console.log(`wrote ${file}`);
