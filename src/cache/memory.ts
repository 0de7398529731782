import type { Clock } from '../kernel/index.ts';
import type { Cache, Counter, TokenBucketResult } from './types.ts';
import { refill } from './bucket.ts';

/** An LRU cache with per-entry TTL, for one process. */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  /** The most recently used key: reading it again needs no re-insert (hot keys are read on every request). */
  private newest: string | undefined;
  constructor(
    private readonly clock: Clock,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (e.expiresAt <= this.clock.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Re-insert to mark as most recently used (Map keeps insertion order).
    if (key !== this.newest) {
      this.entries.delete(key);
      this.entries.set(key, e);
      this.newest = key;
    }
    return e.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.clock.now() + ttlMs });
    this.newest = key;
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
    if (key === this.newest) this.newest = undefined;
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.newest = undefined;
  }
}

export class MemoryCounter implements Counter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly counters = new Map<string, { value: number; expiresAt: number }>();
  constructor(private readonly clock: Clock) {}

  async takeToken(key: string, ratePerSec: number, burst: number, nowMs: number, cost = 1): Promise<TokenBucketResult> {
    const prev = this.buckets.get(key);
    const result = refill(prev ? prev.tokens : burst, prev ? prev.at : nowMs, nowMs, ratePerSec, burst, cost);
    if (prev) {
      prev.tokens = result.tokens;
      prev.at = nowMs;
    } else {
      this.buckets.set(key, { tokens: result.tokens, at: nowMs });
    }
    return { allowed: result.allowed, remaining: Math.floor(result.tokens), retryAfterMs: result.retryAfterMs };
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    const now = this.clock.now();
    const c = this.counters.get(key);
    if (!c || c.expiresAt <= now) {
      this.counters.set(key, { value: by, expiresAt: now + ttlMs });
      if (this.counters.size > 100_000) this.evictExpired(now);
      return by;
    }
    c.value += by;
    return c.value;
  }

  private evictExpired(now: number): void {
    for (const [k, v] of this.counters) if (v.expiresAt <= now) this.counters.delete(k);
  }

  async close(): Promise<void> {
    this.buckets.clear();
    this.counters.clear();
  }
}
