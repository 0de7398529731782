/**
 * Event-pattern matching benchmark: the indexed RuleSet against the naive loop
 * (every rule's compiled pattern tested in turn) for 10, 1 000 and 10 000 rules.
 * Run: npx tsx bench/patterns.ts   → bench/results/patterns.json
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { compilePattern, compileRules, flattenEvent, matchesCompiled, type RuleInput } from '../src/events/patterns/index.ts';

const SIZES = [10, 1_000, 10_000];
const EVENTS = 2_000;
const BUDGET_MS = 1_500;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DETAIL_TYPES = ['OrderPlaced', 'OrderShipped', 'OrderCancelled', 'PaymentCaptured', 'ReviewPosted', 'TicketOpened', 'TicketSolved', 'InferenceCompleted'];
const STATUSES = ['new', 'pending', 'paid', 'shipped', 'failed', 'refunded'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-northeast-1', 'us-west-2'];
const TIERS = ['free', 'pro', 'enterprise'];

/** Tenants grow with the rule count (about 2.5 rules each), so matches per event stay comparable across sizes. */
function sources(rules: number): string[] {
  return Array.from({ length: Math.max(4, Math.round(rules / 2.5)) }, (_, i) => `com.tenant${i}.${i % 3 === 0 ? 'shop' : 'support'}`);
}

function makeRules(n: number, seed: number): RuleInput[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const srcs = sources(n);
  return Array.from({ length: n }, (_, i) => {
    const source = pick(srcs);
    const k = r();
    let pattern: unknown;
    if (k < 0.4) pattern = { source: [source], 'detail-type': [pick(DETAIL_TYPES), pick(DETAIL_TYPES)] };
    else if (k < 0.55) pattern = { source: [{ prefix: source.slice(0, source.lastIndexOf('.') + 1) }], detail: { status: [pick(STATUSES)] } };
    else if (k < 0.7) {
      const lo = Math.floor(r() * 500);
      pattern = { source: [source], detail: { amount: [{ numeric: ['>=', lo, '<', lo + 100 + Math.floor(r() * 400)] }] } };
    } else if (k < 0.8) pattern = { source: [source], 'detail-type': [pick(DETAIL_TYPES)], detail: { status: [{ 'anything-but': [pick(STATUSES), pick(STATUSES)] }] } };
    else if (k < 0.9) pattern = { source: [source], $or: [{ 'detail-type': [pick(DETAIL_TYPES)] }, { detail: { region: [pick(REGIONS)] } }] };
    else pattern = { source: [source], detail: { customer: { tier: [pick(TIERS)] }, amount: [{ numeric: ['>', Math.floor(r() * 900)] }] } };
    return { id: `rule-${i}`, pattern };
  });
}

function makeEvents(rules: number, seed: number): unknown[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const srcs = sources(rules);
  return Array.from({ length: EVENTS }, (_, i) => ({
    version: '0',
    id: `evt-${i}`,
    'detail-type': pick(DETAIL_TYPES),
    source: r() < 0.9 ? pick(srcs) : 'com.unknown.app',
    account: '123456789012',
    time: '2026-01-01T00:00:00Z',
    region: pick(REGIONS),
    resources: [`arn:hashi:shop:order/${i}`],
    detail: {
      orderId: `o-${i}`,
      status: pick(STATUSES),
      amount: Math.round(r() * 100_000) / 100,
      region: pick(REGIONS),
      customer: { id: `c-${i % 97}`, tier: pick(TIERS) },
      items: [{ sku: `sku-${i % 13}`, qty: 1 + (i % 4) }],
    },
  }));
}

interface Timing {
  eventsPerSecond: number;
  microsPerEvent: number;
  events: number;
}

function timeLoop(events: unknown[], fn: (event: unknown) => number): Timing {
  for (let i = 0; i < Math.min(200, events.length); i++) fn(events[i]); // warm-up
  let done = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < BUDGET_MS) {
    for (let i = 0; i < 50; i++) sink += fn(events[done++ % events.length]);
  }
  const ms = performance.now() - start;
  if (sink < 0) console.log(sink);
  return { eventsPerSecond: Math.round((done / ms) * 1000), microsPerEvent: Number(((ms * 1000) / done).toFixed(2)), events: done };
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const results = [];
for (const size of SIZES) {
  const rules = makeRules(size, 42 + size);
  const events = makeEvents(size, 7 + size);
  const c0 = performance.now();
  const set = compileRules(rules);
  const compileMs = performance.now() - c0;
  const compiled = rules.map((rule) => ({ id: rule.id, compiled: compilePattern(rule.pattern) }));
  const naive = (event: unknown): string[] => {
    const flat = flattenEvent(event);
    return compiled.filter((c) => matchesCompiled(c.compiled, flat)).map((c) => c.id);
  };
  // Both matchers must agree before their speed means anything.
  let matchesSeen = 0;
  for (const event of events.slice(0, 300)) {
    const a = set.match(event);
    const b = naive(event);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`disagreement at ${size} rules`);
    matchesSeen += a.length;
  }
  const indexed = timeLoop(events, (e) => set.match(e).length);
  const baseline = timeLoop(events, (e) => naive(e).length);
  results.push({
    rules: size,
    stats: set.stats(),
    compileMs: Number(compileMs.toFixed(1)),
    avgMatchesPerEvent: Number((matchesSeen / 300).toFixed(2)),
    indexed,
    naive: baseline,
    speedupOverNaive: Number((baseline.microsPerEvent / indexed.microsPerEvent).toFixed(1)),
  });
  console.log(`${size} rules: indexed ${indexed.microsPerEvent} µs/event (${indexed.eventsPerSecond}/s), naive ${baseline.microsPerEvent} µs/event (${baseline.eventsPerSecond}/s)`);
}

const first = results[0] as (typeof results)[number];
const last = results[results.length - 1] as (typeof results)[number];
const report = {
  benchmark: 'event-pattern matching: indexed RuleSet vs naive per-rule loop',
  command: 'npx tsx bench/patterns.ts',
  date: new Date().toISOString(),
  machine: { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)), platform: `${os.platform()} ${os.release()}` },
  versions: { node: process.version, typescript: versionOf('typescript'), tsx: versionOf('tsx') },
  workload: {
    events: EVENTS,
    timeBudgetMsPerMeasurement: BUDGET_MS,
    rules: 'seeded mix: 40% source+detail-type exact, 15% source prefix+status, 15% numeric range, 10% anything-but, 10% $or, 10% nested tier+numeric',
    tenants: 'source pool = max(4, rules/2.5): about 2.5 rules per tenant at every size, so matches per event stay comparable',
    microsPerEvent: 'one match() call per event: flatten + lookup + verification, returning all matching rule ids',
  },
  results,
  ratios: {
    indexed10kOver10: Number((last.indexed.microsPerEvent / first.indexed.microsPerEvent).toFixed(2)),
    naive10kOver10: Number((last.naive.microsPerEvent / first.naive.microsPerEvent).toFixed(2)),
    speedupAt10k: last.speedupOverNaive,
  },
};
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/patterns.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report.ratios));
