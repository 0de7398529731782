import type { FakeClock } from '../../kernel/index.ts';

export type TimerHandle = unknown;

/** Timers as an injected dependency, so tests drive timeouts and backoff with virtual time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms`, or rejects with `signal.reason` as soon as the signal aborts. */
export function sleep(ms: number, timers: Timers, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      timers.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = timers.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface FakeTimer {
  id: number;
  at: number;
  fn: () => void;
}

const flushMicrotasks = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Virtual timers over a FakeClock: `advance(ms)` moves the clock and fires
 * every timer that falls due, in order, letting promise chains settle between
 * firings. `drive(promise)` runs virtual time until the promise settles.
 */
export class FakeTimers implements Timers {
  private readonly timers = new Map<number, FakeTimer>();
  private nextId = 1;

  constructor(private readonly clock: FakeClock) {}

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.set(id, { id, at: this.clock.now() + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers.delete(handle as number);
  }

  get pending(): number {
    return this.timers.size;
  }

  async flush(): Promise<void> {
    for (let i = 0; i < 3; i++) await flushMicrotasks();
  }

  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + ms;
    await this.flush();
    for (let due = this.nextDue(target); due; due = this.nextDue(target)) {
      this.timers.delete(due.id);
      if (due.at > this.clock.now()) this.clock.set(due.at);
      due.fn();
      await this.flush();
    }
    if (target > this.clock.now()) this.clock.set(target);
  }

  /** Fires due timers until `promise` settles; throws if it never can. */
  async drive<T>(promise: Promise<T>, maxSteps = 1000): Promise<T> {
    let settled = false;
    const watched = promise.finally(() => {
      settled = true;
    });
    watched.catch(() => undefined);
    for (let step = 0; step < maxSteps; step++) {
      await this.flush();
      if (settled) return watched;
      const next = this.nextDue(Number.POSITIVE_INFINITY);
      if (!next) throw new Error('FakeTimers.drive: promise is pending and no timer is left to fire');
      await this.advance(Math.max(0, next.at - this.clock.now()));
    }
    throw new Error(`FakeTimers.drive: not settled after ${maxSteps} steps`);
  }

  private nextDue(limit: number): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.timers.values()) {
      if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    }
    return best;
  }
}
