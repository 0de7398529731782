import type { Cache } from '../../cache/index.ts';
import type { Clock } from '../../kernel/index.ts';
import { AnswerRecorder, parseAnswer } from './answer.ts';
import type { CachedAnswer } from './answer.ts';
import { cacheKeyOf, cacheScope } from './key.ts';

export interface ResponseCacheOptions {
  /** Default 300 s (the design's FM_CACHE_TTL). */
  ttlMs?: number;
  /** Share answers across tenants. Off by default: a tenant's answers stay its own. */
  shared?: boolean;
}

export const RESPONSE_CACHE_DEFAULTS: Required<ResponseCacheOptions> = { ttlMs: 300_000, shared: false };

/**
 * The exact response cache over the Cache port. Cache trouble never fails a
 * request: a read error is a miss and a write error is dropped, both reported
 * through `onError`.
 */
export class ResponseCache {
  readonly options: Required<ResponseCacheOptions>;

  constructor(
    private readonly cache: Cache,
    options: ResponseCacheOptions,
    private readonly deps: { clock: Clock; onError?: (err: unknown) => void },
  ) {
    this.options = { ...RESPONSE_CACHE_DEFAULTS, ...options };
  }

  keyFor(tenant: string, material: unknown): string {
    return cacheKeyOf(cacheScope(tenant, this.options.shared), material);
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    try {
      const raw = await this.cache.get(key);
      return raw === undefined ? undefined : parseAnswer(raw);
    } catch (err) {
      this.deps.onError?.(err);
      return undefined;
    }
  }

  async put(key: string, answer: CachedAnswer): Promise<void> {
    try {
      await this.cache.set(key, JSON.stringify(answer), this.options.ttlMs);
    } catch (err) {
      this.deps.onError?.(err);
    }
  }

  recorder(): AnswerRecorder {
    return new AnswerRecorder(() => this.deps.clock.now());
  }
}
