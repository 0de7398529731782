import { OverloadedError } from './errors.ts';
import { tap } from './stream.ts';
import type { AttemptMiddleware } from './types.ts';

export interface ConcurrencyOptions {
  /** In-flight calls per provider. Default 100 (the design's Envoy max_connections). */
  maxConcurrent?: number;
  /** Calls waiting for a slot per provider; beyond it, FM_OVERLOADED. Default 50. */
  maxPending?: number;
  /** Retry-After for FM_OVERLOADED. Default 1 s. */
  retryAfterSeconds?: number;
}

export const CONCURRENCY_DEFAULTS: Required<ConcurrencyOptions> = { maxConcurrent: 100, maxPending: 50, retryAfterSeconds: 1 };

interface Waiter {
  grant: () => void;
}

interface Pool {
  active: number;
  queue: Waiter[];
}

/** A semaphore per key with a bounded FIFO queue. */
export class ConcurrencyLimiter {
  private readonly opts: Required<ConcurrencyOptions>;
  private readonly pools = new Map<string, Pool>();

  constructor(options: ConcurrencyOptions = {}) {
    this.opts = { ...CONCURRENCY_DEFAULTS, ...options };
  }

  active(key: string): number {
    return this.pools.get(key)?.active ?? 0;
  }

  pending(key: string): number {
    return this.pools.get(key)?.queue.length ?? 0;
  }

  /** Resolves with a release function once a slot is free; aborting the signal leaves the queue. */
  acquire(key: string, signal: AbortSignal): Promise<() => void> {
    const pool = this.pool(key);
    if (signal.aborted) return Promise.reject(signal.reason);
    if (pool.active < this.opts.maxConcurrent) {
      pool.active += 1;
      return Promise.resolve(this.releaser(pool));
    }
    if (pool.queue.length >= this.opts.maxPending) {
      return Promise.reject(new OverloadedError(key, this.opts.retryAfterSeconds));
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(this.releaser(pool));
        },
      };
      const onAbort = (): void => {
        pool.queue.splice(pool.queue.indexOf(waiter), 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      pool.queue.push(waiter);
    });
  }

  private releaser(pool: Pool): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = pool.queue.shift();
      // The slot passes straight to the next waiter, so `active` stays put.
      if (next) next.grant();
      else pool.active -= 1;
    };
  }

  private pool(key: string): Pool {
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { active: 0, queue: [] };
      this.pools.set(key, pool);
    }
    return pool;
  }
}

/** Holds a provider slot from the call until its stream ends. */
export function concurrency(limiter: ConcurrencyLimiter): AttemptMiddleware {
  return async function concurrency(call, next) {
    const release = await limiter.acquire(call.provider.name, call.signal);
    let stream;
    try {
      stream = await next(call);
    } catch (err) {
      release();
      throw err;
    }
    return tap(stream, { onEnd: release });
  };
}
