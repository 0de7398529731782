/** A pipeline wired with in-test fakes, on virtual time, for this folder's tests. */
import { MemoryCache } from '../../cache/index.ts';
import type { Cache } from '../../cache/index.ts';
import { FakeClock } from '../../kernel/index.ts';
import { createCatalog } from '../catalog/index.ts';
import type { ModelCatalogConfig } from '../catalog/index.ts';
import { MemoryBudgetLedger } from '../cost/index.ts';
import { createScriptedProvider, FakeTimers } from '../resilience/index.ts';
import type { ScriptedProvider, ScriptStep } from '../resilience/index.ts';
import { Router, seededRandom } from '../routing/index.ts';
import type { RoutingOptions } from '../routing/index.ts';
import { createCompletionPipeline } from './create.ts';
import type { GatewayRequest, GatewayStream, PipelineOptions } from './types.ts';

export const START = Date.UTC(2026, 0, 15, 9, 0, 0);

// Seed 000 prices; `llama` is a local model: unpriced and text-only.
export const CATALOG: ModelCatalogConfig = {
  haiku: { provider: 'bedrock', model: 'anthropic.claude-3-haiku-20240307-v1:0', maxTokens: 1024, temperature: 0.3, price: { inputPerMillion: 0.25, outputPerMillion: 1.25 } },
  sonnet: { provider: 'bedrock', model: 'anthropic.claude-3-sonnet-20240229-v1:0', maxTokens: 2048, temperature: 0.5, price: { inputPerMillion: 3, outputPerMillion: 15 } },
  'haiku-direct': { provider: 'anthropic', model: 'claude-3-haiku-20240307', price: { inputPerMillion: 0.25, outputPerMillion: 1.25 } },
  llama: { provider: 'ollama', model: 'llama3.2:3b' },
};

export interface HarnessOptions {
  bedrock?: ScriptStep[];
  anthropic?: ScriptStep[];
  ollama?: ScriptStep[];
  routing?: RoutingOptions;
  options?: PipelineOptions;
  /** false: no response cache; a Cache (or a factory given the harness clock): use it. */
  cache?: false | Cache | ((clock: FakeClock) => Cache);
  /** Replaces the recording publish function (events are still recorded first). */
  publish?: (detailType: string, detail: Record<string, unknown>) => void | Promise<void>;
}

export type Published = { detailType: string; detail: Record<string, unknown> };

export function harness(h: HarnessOptions = {}) {
  const clock = new FakeClock(START);
  const timers = new FakeTimers(clock);
  const catalog = createCatalog(CATALOG);
  const events: Published[] = [];
  const publish = (detailType: string, detail: Record<string, unknown>) => {
    events.push({ detailType, detail });
    return h.publish?.(detailType, detail);
  };
  const ok: ScriptStep = { kind: 'ok', chunks: ['Hello', ' there'] };
  const bedrock = createScriptedProvider({ name: 'bedrock', clock, steps: h.bedrock ?? [ok] });
  const anthropic = createScriptedProvider({ name: 'anthropic', clock, steps: h.anthropic ?? [ok] });
  const ollama = createScriptedProvider({ name: 'ollama', clock, supportsImages: false, steps: h.ollama ?? [ok] });
  const providers = new Map<string, ScriptedProvider>([['bedrock', bedrock], ['anthropic', anthropic], ['ollama', ollama]]);
  const router = new Router(h.routing ?? {}, { catalog, clock, random: seededRandom(5), publish });
  const ledger = new MemoryBudgetLedger();
  const cache = h.cache === false ? undefined : typeof h.cache === 'function' ? h.cache(clock) : (h.cache ?? new MemoryCache(clock));
  const pipeline = createCompletionPipeline({
    // Only in-process (scripted) providers here: nothing is translated to a wire dialect.
    dialects: { provider: (name) => { throw new Error(`no wire provider in the pipeline harness (${name})`); } },
    catalog,
    providers,
    router,
    cache,
    ledger,
    clock,
    publish,
    options: { timers, random: () => 0.5, ...h.options },
  });
  return { clock, timers, catalog, events, bedrock, anthropic, ollama, providers, router, ledger, cache, pipeline };
}

export const ask = (content: string, extra: Partial<GatewayRequest> = {}): GatewayRequest => ({
  messages: [{ role: 'user', content }],
  ...extra,
});

export const ctx = { tenant: 'acme', keyId: 'key-1', sessionId: 'sess-1' };

export const retryable = (kind = 'server', retryAfterMs?: number) =>
  Object.assign(new Error(`upstream ${kind}`), { retryable: true, kind, retryAfterMs });

export async function readAll(stream: GatewayStream): Promise<{ deltas: string[]; done?: Extract<Awaited<ReturnType<GatewayStream['next']>>['value'], { type: 'done' }>; error?: unknown }> {
  const deltas: string[] = [];
  try {
    for await (const event of stream) {
      if (event.type === 'delta') deltas.push(event.text);
      else return { deltas, done: event };
    }
  } catch (error) {
    return { deltas, error };
  }
  return { deltas };
}
