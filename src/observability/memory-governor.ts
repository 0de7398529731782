import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from './logger.ts';

export interface MemoryGovernorSettings {
  /** How far RSS (MB) may grow past what it was after the last full collection before another is asked for; 0 turns the governor off. */
  headroomMb: number;
  /** How often RSS is read. */
  checkEveryMs?: number;
  /** The shortest time between two collections. */
  minGapMs?: number;
}

export interface MemoryGovernorDeps {
  logger: Logger;
  /** Current RSS in bytes (process.memoryUsage.rss by default). */
  rss?: () => number;
  /** A full collection (V8's, exposed at run time by default). */
  collect?: () => void;
  now?: () => number;
}

/**
 * Why this exists (issue 11, defect 8): under a flood of bad requests RSS rose
 * from ~200 MB to 370 MB and more while the live heap stayed near 60 MB. Caller
 * bodies up to the 256 KiB limit become strings in V8's large-object space and
 * Buffers outside the heap; they are garbage as soon as the request is refused,
 * but V8 runs a full collection only when the old generation nears a limit it
 * derives from the machine's memory (gigabytes here), so the garbage stays
 * resident. The governor keeps a budget for it: when RSS has grown `headroomMb`
 * past its level after the last full collection, it asks for one (at most once
 * per `minGapMs`), and the level after that collection is the new baseline.
 * Memory the process really needs only moves the baseline up — unlike
 * `--max-old-space-size`, nothing ever turns into a crash.
 */
export function startMemoryGovernor(settings: MemoryGovernorSettings, deps: MemoryGovernorDeps): () => void {
  if (!settings.headroomMb) return () => undefined;
  const headroom = settings.headroomMb * 1024 * 1024;
  const minGap = settings.minGapMs ?? 2_000;
  const rss = deps.rss ?? (() => process.memoryUsage.rss());
  const collect = deps.collect ?? exposeGc();
  const now = deps.now ?? Date.now;
  let baseline = rss();
  let last = -Infinity;
  let collections = 0;
  const check = () => {
    const current = rss();
    // RSS below the baseline (the allocator gave pages back): a lower floor to measure from.
    if (current < baseline) baseline = current;
    if (current - baseline < headroom || now() - last < minGap) return;
    last = now();
    collect();
    collections++;
    baseline = rss();
    deps.logger.debug({ beforeMb: Math.round(current / 1048576), afterMb: Math.round(baseline / 1048576), collections }, 'memory: full collection');
  };
  const timer = setInterval(check, settings.checkEveryMs ?? 250);
  timer.unref();
  return () => clearInterval(timer);
}

/** `gc()` without starting Node with --expose-gc: the flag is set, and the function read from a fresh context. */
export function exposeGc(): () => void {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
