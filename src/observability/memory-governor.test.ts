import { afterEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from './logger.ts';
import { exposeGc, startMemoryGovernor } from './memory-governor.ts';

const MB = 1024 * 1024;

describe('memory governor (issue 11, defect 8)', () => {
  afterEach(() => vi.useRealTimers());

  /** A governor over a fake RSS; a collection brings RSS back to `live`. */
  function run(live: number, headroomMb = 48) {
    vi.useFakeTimers();
    let rss = live;
    const collected: number[] = [];
    const stop = startMemoryGovernor(
      { headroomMb, checkEveryMs: 100, minGapMs: 1_000 },
      {
        logger: silentLogger(),
        rss: () => rss,
        collect: () => {
          collected.push(Date.now());
          rss = live;
        },
        now: () => Date.now(),
      },
    );
    return { collected, grow: (mb: number) => (rss += mb * MB), setLive: (mb: number) => (live = mb * MB), rss: () => rss, stop };
  }

  it('does nothing while RSS stays within the headroom', () => {
    const g = run(200 * MB);
    g.grow(40);
    vi.advanceTimersByTime(10_000);
    expect(g.collected).toEqual([]);
    g.stop();
  });

  it('collects when garbage fills the headroom, at most once per minimum gap, so RSS stays near live + headroom', () => {
    const g = run(200 * MB);
    let peak = 0;
    // 20 MB of garbage a second for 10 s, checked every 100 ms.
    for (let t = 0; t < 100; t++) {
      g.grow(2);
      vi.advanceTimersByTime(100);
      peak = Math.max(peak, g.rss());
    }
    expect(g.collected.length).toBeGreaterThanOrEqual(3);
    expect(g.collected.length).toBeLessThanOrEqual(10);
    for (let i = 1; i < g.collected.length; i++) expect(g.collected[i]! - g.collected[i - 1]!).toBeGreaterThanOrEqual(1_000);
    expect(peak).toBeLessThanOrEqual(200 * MB + 48 * MB + 2 * 10 * MB);
    g.stop();
  });

  it('takes the level after a collection as the new baseline: memory the process needs does not make it collect again and again', () => {
    const g = run(200 * MB);
    g.grow(60);
    vi.advanceTimersByTime(100);
    expect(g.collected).toHaveLength(1);
    // The live set itself grew (a cache filled): RSS stays at 300 MB after each collection.
    g.setLive(300);
    g.grow(100);
    vi.advanceTimersByTime(1_100);
    expect(g.collected).toHaveLength(2);
    vi.advanceTimersByTime(60_000);
    expect(g.collected).toHaveLength(2);
    g.stop();
  });

  it('is off with headroomMb 0', () => {
    const g = run(200 * MB, 0);
    g.grow(10_000);
    vi.advanceTimersByTime(10_000);
    expect(g.collected).toEqual([]);
    g.stop();
  });

  it('gets a working full collection from V8 without --expose-gc', () => {
    const gc = exposeGc();
    expect(typeof gc).toBe('function');
    expect(() => gc()).not.toThrow();
  });
});
