import type { Cache } from '../cache/index.ts';
import type { Clock } from '../kernel/index.ts';
import type { Logger } from '../observability/index.ts';
import type { Store } from '../store/index.ts';
import { buildProviders, embeddingFunction } from './build-providers.ts';
import type { BatchedPublish } from './bus-publish.ts';
import { wireDialects } from './dialect-registry.ts';
import { createEmbeddingsExchange, createWireExchange, type WireExchangeInit } from './exchange/index.ts';
import { embeddingModels } from './embedding-models.ts';
import type { Exchange } from './exchange/index.ts';
import { createCatalog, type Catalog } from './catalog/index.ts';
import { resolveFmConfig, type FmConfig, type ResolvedFmConfig } from './config.ts';
import { LeasedBudgetLedger } from './ledger/leased.ts';
import { createCompletionPipeline, type CompletionPipeline, type GatewayContext, type GatewayRequest, type GatewayResult, type GatewayStream, type OpenedCall } from './pipeline/index.ts';
import type { Timers } from './resilience/index.ts';
import { Router, type Publish } from './routing/index.ts';
import { SessionStore } from './sessions/index.ts';
import { withSessionTurn } from './session-turn.ts';
import type { FmProvider } from './providers/index.ts';
import { UsageRepository, usageFromCompleted } from './usage/index.ts';

export interface FmGatewayDeps {
  /** The `fm:` section; anything omitted runs offline with defaults. */
  config?: FmConfig;
  store: Store;
  clock: Clock;
  /** The response cache backend (memory or Redis); omitted: no response cache. */
  cache?: Cache;
  /** Hands events (InferenceCompleted, CanaryRolledBack, CircuitStateChanged) to the bus; a failure never fails a call. A batched one (`publishToBus`) is flushed by `flush()`. */
  publish?: Publish | BatchedPublish;
  logger?: Logger;
  /** The request deadline (server.requestTimeoutMs); default 29 s. */
  deadlineMs?: number;
  timers?: Timers;
  random?: () => number;
}

export interface ModelInfo {
  /** What a request names: an alias, a split or `auto`. */
  id: string;
  kind: 'model' | 'split' | 'auto' | 'embedding';
  provider?: string;
  providerModel?: string;
  priced?: boolean;
}

/** The FM gateway every app and route uses: one pipeline plus usage, sessions and budgets in the store. */
export interface FmGateway {
  readonly config: ResolvedFmConfig;
  readonly catalog: Catalog;
  readonly router: Router;
  readonly pipeline: CompletionPipeline;
  readonly providers: ReadonlyMap<string, FmProvider>;
  readonly ledger: LeasedBudgetLedger;
  readonly usage: UsageRepository;
  readonly sessions: SessionStore;
  readonly deadlineMs: number;
  complete(request: GatewayRequest, ctx: GatewayContext): Promise<GatewayResult>;
  /** Resolves when the first event has arrived; see GatewayStream. */
  stream(request: GatewayRequest, ctx: GatewayContext): Promise<GatewayStream>;
  /** Like `complete`, but with `ctx.sessionId` the stored history is sent first and the new turn appended. */
  chat(request: GatewayRequest, ctx: GatewayContext): Promise<GatewayResult>;
  chatStream(request: GatewayRequest, ctx: GatewayContext): Promise<GatewayStream>;
  /** A call in a wire dialect (OpenAI Chat, Anthropic Messages): pass-through or translation per candidate. */
  wire(init: Omit<WireExchangeInit, 'dialects' | 'now'>): Exchange;
  /** An OpenAI Embeddings call (its model resolved among catalog entries, providers' embedding models and the offline one). */
  embeddings(body: Record<string, unknown>): Exchange;
  /** Runs an exchange; resolves once its first piece has arrived. */
  open(exchange: Exchange, ctx: GatewayContext): Promise<OpenedCall>;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
  models(): ModelInfo[];
  /** Releases stale budget holds, purges expired sessions and usage rows past retention. */
  sweep(): Promise<{ releasedHolds: number; purgedSessions: number; purgedUsage: number }>;
  /** Writes this process's pending budget spend, usage rows and bus events now (tests, shutdown). */
  flush(): Promise<void>;
  /** Starts the periodic sweep (serve and worker). */
  start(intervalMs?: number): void;
  close(): Promise<void>;
}

/** Builds the gateway from configuration: providers, catalog, router, leased budget ledger, usage, sessions, pipeline. */
export function createFmGateway(deps: FmGatewayDeps): FmGateway {
  const config = resolveFmConfig(deps.config);
  const { clock, store, logger } = deps;
  const warn = (where: string) => (err: unknown) => logger?.warn({ err, where }, 'fm background step failed');
  const providers = buildProviders(config.providers, config.models, clock);
  const catalog = createCatalog(config.models);
  const usage = new UsageRepository({ store, clock, onError: warn('usage') });
  const publishing = new Set<Promise<void>>();
  const publish: Publish = (detailType, detail) => {
    if (detailType === 'InferenceCompleted') {
      const record = usageFromCompleted(detail, clock.now());
      if (record) usage.record(record);
    }
    const pending = deps.publish?.(detailType, detail);
    if (!pending) return;
    const tracked = Promise.resolve(pending);
    publishing.add(tracked);
    void tracked.catch(() => undefined).finally(() => publishing.delete(tracked));
    return tracked;
  };
  const router = new Router(config.routing, { catalog, clock, publish, onPublishError: warn('publish'), ...(deps.random ? { random: deps.random } : {}) });
  const ledger = new LeasedBudgetLedger({ store, clock, settings: config.ledger, onError: warn('ledger') });
  const sessions = new SessionStore({ store, clock, settings: config.sessions });
  const deadlineMs = deps.deadlineMs ?? 29_000;
  const pipeline = createCompletionPipeline({
    dialects: wireDialects,
    catalog,
    providers,
    router,
    ledger,
    clock,
    publish,
    ...(config.cache.enabled && deps.cache ? { cache: deps.cache } : {}),
    options: {
      ...config.resilience,
      cache: { ttlMs: config.cache.ttlMs, shared: config.cache.shared },
      budgets: config.budgets,
      defaultDeadlineMs: deadlineMs,
      ...(deps.timers ? { timers: deps.timers } : {}),
      ...(deps.random ? { random: deps.random } : {}),
      onError: (err, where) => warn(where)(err),
      onCircuitStateChange: (change) => logger?.info({ circuit: change }, 'fm circuit state changed'),
    },
  });
  const embed = embeddingFunction(config.providers, providers);
  const embedders = embeddingModels(catalog, config.providers, providers);
  let timer: NodeJS.Timeout | undefined;

  const gateway: FmGateway = {
    config,
    catalog,
    router,
    pipeline,
    providers,
    ledger,
    usage,
    sessions,
    deadlineMs,
    complete: (request, ctx) => pipeline.complete(request, ctx),
    stream: (request, ctx) => pipeline.stream(request, ctx),
    chat: (request, ctx) => withSessionTurn(sessions, request, ctx, (r) => pipeline.complete(r, ctx), warn('sessions')),
    chatStream: (request, ctx) => withSessionTurn(sessions, request, ctx, (r) => pipeline.stream(r, ctx), warn('sessions')),
    wire: (init) => createWireExchange({ ...init, dialects: wireDialects, now: clock.now() }),
    embeddings: (body) => createEmbeddingsExchange({ body, entry: embedders.resolve(String(body.model)) }),
    open: (exchange, ctx) => pipeline.open(exchange, ctx),
    embed: (texts, signal) => embed(texts, signal),
    models: () => [...modelsOf(catalog, router), ...embedders.list().map((m): ModelInfo => ({ id: m.id, kind: 'embedding', provider: m.provider, providerModel: m.id, priced: false }))],
    async sweep() {
      const releasedHolds = await ledger.releaseStale(config.staleHoldMs);
      const purgedSessions = await sessions.purgeExpired();
      const retentionMs = config.usageRetentionDays * 86_400_000;
      const purgedUsage = retentionMs > 0 ? await usage.purgeBefore(clock.now() - retentionMs) : 0;
      return { releasedHolds, purgedSessions, purgedUsage };
    },
    async flush() {
      if (deps.publish && 'flush' in deps.publish) await deps.publish.flush();
      await Promise.allSettled([...publishing]);
      await usage.flush();
      await ledger.flush();
    },
    start(intervalMs = 60_000) {
      if (timer) return;
      timer = setInterval(() => void gateway.sweep().catch(warn('sweep')), intervalMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await gateway.flush();
      // Writes the last settlements and hands this process's budget leases back to the others.
      await ledger.close();
      await Promise.allSettled([...providers.values()].map((p) => p.close()));
    },
  };
  return gateway;
}

function modelsOf(catalog: Catalog, router: Router): ModelInfo[] {
  const models: ModelInfo[] = catalog.entries.map((e) => ({ id: e.alias, kind: 'model', provider: e.provider, providerModel: e.modelId, priced: e.price !== null }));
  const splits: ModelInfo[] = Object.keys(router.config.splits).map((id) => ({ id, kind: 'split' }));
  return [...models, ...splits, { id: 'auto', kind: 'auto' }];
}
