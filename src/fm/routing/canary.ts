import { SlidingCounter } from '../resilience/index.ts';
import type { CanaryConfig } from './config.ts';

export interface CanaryStats {
  samples: number;
  failures: number;
  errorRate: number;
}

/** Pure verdict: enough samples in the window, and an error rate above the threshold. */
export function shouldRollBack(stats: CanaryStats, config: CanaryConfig): boolean {
  return stats.samples >= config.minSamples && stats.errorRate > config.maxErrorRate;
}

/** Successes and failures of one split variant over a sliding window. */
export class OutcomeWindow {
  private readonly samples: SlidingCounter;
  private readonly failures: SlidingCounter;

  constructor(windowMs: number) {
    this.samples = new SlidingCounter(windowMs, 20);
    this.failures = new SlidingCounter(windowMs, 20);
  }

  record(ok: boolean, now: number): void {
    this.samples.add(now);
    if (!ok) this.failures.add(now);
  }

  stats(now: number): CanaryStats {
    const samples = this.samples.sum(now);
    const failures = this.failures.sum(now);
    return { samples, failures, errorRate: samples === 0 ? 0 : failures / samples };
  }
}
