/** A Map-backed Cache port for this folder's and the pipeline's tests, expiring by an injected clock. */
import type { Cache } from '../../cache/types.ts';
import type { Clock } from '../../kernel/index.ts';

export class MapCache implements Cache {
  readonly entries = new Map<string, { value: string; expiresAt: number }>();
  failing = false;

  constructor(private readonly clock: Clock) {}

  async get(key: string): Promise<string | undefined> {
    if (this.failing) throw new Error('cache down');
    const hit = this.entries.get(key);
    if (!hit || hit.expiresAt <= this.clock.now()) return undefined;
    return hit.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    if (this.failing) throw new Error('cache down');
    this.entries.set(key, { value, expiresAt: this.clock.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {}
}
