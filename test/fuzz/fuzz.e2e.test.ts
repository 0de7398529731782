import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEnvironment } from '../../src/config/index.ts';
import { pgUrl } from '../support/backends.ts';
import { BODY_TIMEOUT_MS, runFuzz, type FuzzReport } from './run.ts';

// Issue 11, "a fuzz suite that stays": `hashi serve` as a child process, on
// SQLite and on PostgreSQL, takes malformed requests at every route it
// declares (see corpus.ts and raw.ts for what is sent). The run fails on any
// 5xx but a deliberate 503/504, a crash, a /healthz poll that did not answer,
// a slow client the server did not close, or RSS past the bound.
//
// HASHI_FUZZ_REQUESTS sets the count per store (default 50 000: 100 000 in
// all); HASHI_FUZZ_SEED replays a run; HASHI_FUZZ_RESULTS names a JSON file
// to write the figures to (`npm run fuzz` does all three, longer).
const vars = readEnvironment().vars;
const REQUESTS = Number(vars.HASHI_FUZZ_REQUESTS ?? 50_000);
const SEED = Number(vars.HASHI_FUZZ_SEED ?? Date.now() % 2 ** 31);
const RESULTS = vars.HASHI_FUZZ_RESULTS;
/**
 * RSS bound, in MB. The server starts at about 200 MB with both apps loaded
 * (code, SQLite or the pg pool, indexes); the live heap stays near 60 MB under
 * this traffic and in-flight work is bounded (32 HTTP senders, 4 raw sockets,
 * one WebSocket, bodies ≤ 256 KiB). What else RSS holds is garbage waiting for
 * a full collection, which server.memoryHeadroomMb (48 MB) keeps in check:
 * peaks measured 200–282 MB with it, 315–397 MB without (issue 11, defect 8) —
 * but one random seed under CI load peaked at 315 MB with it (start 147, end
 * 292: not all of it comes back after a collection), so 300 failed runs that
 * were fine. 400 MB still fails the defect as reported (141 → 764 MB); it does
 * not tell a run with the governor from one without.
 */
const RSS_BOUND_MB = 400;
// Sized at about 1 000 requests a second per store on the 2-core CI machine, plus boot and the slow clients.
const TIMEOUT_MS = 120_000 + REQUESTS * 3;

const stores: Array<{ name: 'sqlite' | 'postgres'; tag: string }> = [{ name: 'sqlite', tag: 'sqlite' }, ...(pgUrl ? [{ name: 'postgres' as const, tag: '[postgres]' }] : [])];

function record(report: FuzzReport): void {
  const { failures, errorLogs, ...figures } = report;
  console.log(`fuzz ${report.store}: ${JSON.stringify(figures)}`);
  for (const f of failures) console.log(`fuzz ${report.store} FAILURE ${f.status}\n  request: ${f.request}\n  response: ${f.response}`);
  for (const line of errorLogs) console.log(`fuzz ${report.store} server error log: ${line}`);
  if (!RESULTS) return;
  mkdirSync(dirname(RESULTS), { recursive: true });
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  } catch {
    // first run
  }
  all[report.store] = { ...figures, failures: failures.length, recordedAt: new Date().toISOString() };
  writeFileSync(RESULTS, `${JSON.stringify(all, null, 2)}\n`);
}

describe.each(stores)('fuzz $tag', ({ name }) => {
  it(`${REQUESTS} malformed requests: no 5xx but deliberate 503/504, no crash, /healthz answering, RSS below ${RSS_BOUND_MB} MB`, { timeout: TIMEOUT_MS }, async () => {
    const report = await runFuzz({ store: name, requests: REQUESTS, seed: SEED, verbose: vars.HASHI_FUZZ_VERBOSE !== undefined, ...(name === 'postgres' ? { pgUrl: pgUrl! } : {}) });
    record(report);
    expect(report.requests.total).toBeGreaterThanOrEqual(REQUESTS);
    expect(report.childAlive, 'the server process is still running').toBe(true);
    expect(report.failures.map((f) => `${f.status} ${f.request}`), `seed ${SEED}`).toEqual([]);
    expect(report.healthz.polls).toBeGreaterThan(0);
    expect(report.healthz.failed, '/healthz polls that failed').toBe(0);
    expect(report.slowClients.notClosed, 'slow clients the server never closed').toBe(0);
    expect(report.slowClients.maxCloseMs).toBeLessThan(BODY_TIMEOUT_MS + 5_000);
    expect(report.rss.peakMb, `peak RSS (MB), seed ${SEED}`).toBeLessThan(RSS_BOUND_MB);
  });
});
