/**
 * The cache and counter ports. Memory and Redis adapters implement them; the
 * contract suite in `contract.ts` runs against both.
 */
export interface Cache {
  get(key: string): Promise<string | undefined>;
  /** Stores `value` for `ttlMs` milliseconds. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface TokenBucketResult {
  allowed: boolean;
  /** Tokens left after this take (floored). */
  remaining: number;
  /** Milliseconds until one token is available again, when refused. */
  retryAfterMs: number;
}

/** Atomic counters for rate limits and quotas. */
export interface Counter {
  /**
   * Takes `cost` tokens from the bucket `key` that holds at most `burst`
   * tokens and refills at `ratePerSec`. Atomic across replicas.
   */
  takeToken(key: string, ratePerSec: number, burst: number, nowMs: number, cost?: number): Promise<TokenBucketResult>;
  /** Adds `by` to a counter that expires `ttlMs` after it is created; returns the new value. */
  increment(key: string, by: number, ttlMs: number): Promise<number>;
  close(): Promise<void>;
}
