import type { Logger } from 'pino';

/**
 * Typed `noun:verb` observation events. Emitting never throws: a listener that
 * fails is logged and the emitter carries on.
 */
export interface HashiEventMap {
  'job:completed': { type: string; id: string; durationMs: number };
  'job:failed': { type: string; id: string; attempt: number; error: string; willRetry: boolean };
  'job:dead': { type: string; id: string; reason: string };
  'server:listening': { url: string };
  [name: `${string}:${string}`]: Record<string, unknown>;
}

type Listener<T> = (payload: T) => void;

export class Observer {
  private readonly listeners = new Map<string, Set<Listener<never>>>();
  constructor(private readonly logger?: Logger) {}

  on<K extends keyof HashiEventMap & string>(name: K, listener: Listener<HashiEventMap[K]>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof HashiEventMap & string>(name: K, payload: HashiEventMap[K]): void {
    const set = this.listeners.get(name);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as Listener<HashiEventMap[K]>)(payload);
      } catch (err) {
        this.logger?.warn({ err, event: name }, 'observer listener failed');
      }
    }
  }
}
