import type { Cache } from '../../cache/index.ts';
import type { Clock } from '../../kernel/index.ts';
import type { ResponseCacheOptions } from '../cache/index.ts';
import type { Catalog, CatalogEntry } from '../catalog/index.ts';
import type { BudgetHold, BudgetLedger, BudgetPolicy } from '../cost/index.ts';
import type {
  AttemptMeter,
  BreakerOptions,
  CircuitStateChange,
  ConcurrencyOptions,
  DeadlineScope,
  RetryBudgetOptions,
  RetryOptions,
  TimeoutOptions,
  Timers,
} from '../resilience/index.ts';
import type { Publish, Route, Router } from '../routing/index.ts';
import type { ChatDialectName, ProviderDialect } from '../dialects/types.ts';
import type { Exchange, Outcome } from '../exchange/types.ts';
import type { IrUsage, StopReason } from '../ir/types.ts';
import type { FmProvider } from '../providers/port.ts';

export type { GatewayRequest } from '../exchange/native.ts';

export interface GatewayContext {
  tenant: string;
  keyId?: string;
  sessionId?: string;
  /** Absolute epoch ms; default now + `defaultDeadlineMs`. */
  deadline?: number;
  /** The caller's abort (client disconnect); aborts the upstream call. */
  signal?: AbortSignal;
  /**
   * The controller behind `signal`, lent to the pipeline: its deadline aborts
   * it rather than a second controller linked to it. Abort it with a
   * ClientAbortedError when the client goes away.
   */
  abortController?: AbortController;
  skipCache?: boolean;
  /**
   * Supply one to read `providerWaitMs` while the request runs (an HTTP layer
   * reporting overhead on errors and stream headers); default: a fresh one.
   */
  meter?: AttemptMeter;
}

export interface RouteSummary {
  reason: Route['reason'];
  split?: { name: string; variant: string };
}

export interface GatewayResult {
  text: string;
  usage: IrUsage;
  stopReason: StopReason;
  /** The catalog alias that answered. */
  model: string;
  providerModel: string;
  provider: string;
  cached: boolean;
  /** null when the model is unpriced; 0 for a cached answer. */
  costUsd: number | null;
  latencyMs: number;
  /** Time spent waiting on providers; `latencyMs - providerWaitMs` is the gateway's overhead. */
  providerWaitMs: number;
  attempts: number;
  fallbackUsed: boolean;
  route: RouteSummary;
}

export type GatewayStreamEvent = { type: 'delta'; text: string } | ({ type: 'done' } & Omit<GatewayResult, 'text'>);

/** Known once the stream has opened — enough for response headers before the first delta. */
export interface GatewayStreamMeta {
  model: string;
  providerModel: string;
  provider: string;
  cached: boolean;
  route: RouteSummary;
}

/**
 * Deltas, then one `done` with usage and cost. A failure after the first delta
 * is thrown from `next()`; `return()` (or `for await … break`) cancels upstream.
 */
export interface GatewayStream extends AsyncIterableIterator<GatewayStreamEvent> {
  readonly meta: GatewayStreamMeta;
  return(): Promise<IteratorResult<GatewayStreamEvent, undefined>>;
}

export interface PipelineOptions {
  timeouts?: TimeoutOptions;
  retry?: RetryOptions;
  retryBudget?: RetryBudgetOptions;
  breaker?: BreakerOptions;
  concurrency?: ConcurrencyOptions;
  cache?: ResponseCacheOptions;
  budgets?: BudgetPolicy;
  /** Used when the context has no deadline. Default 29 000 ms. */
  defaultDeadlineMs?: number;
  timers?: Timers;
  /** [0, 1) for backoff jitter. */
  random?: () => number;
  onCircuitStateChange?: (change: CircuitStateChange) => void;
  /** Background trouble that must not fail a request (cache, ledger settle, publish). */
  onError?: (err: unknown, where: 'cache' | 'ledger' | 'publish') => void;
}

export interface PipelineDeps {
  /** The provider dialects, for translating native calls to wire providers. */
  dialects: { provider(name: ChatDialectName): ProviderDialect };
  catalog: Catalog;
  providers: ReadonlyMap<string, FmProvider>;
  router: Router;
  /** Omit to run without a response cache. */
  cache?: Cache;
  ledger: BudgetLedger;
  clock: Clock;
  publish: Publish;
  options?: PipelineOptions;
}

/** One request's state, shared (by reference) by every request-level middleware. */
export interface RequestState extends DeadlineScope {
  readonly mode: 'complete' | 'stream';
  readonly exchange: Exchange;
  readonly ctx: GatewayContext;
  readonly startedAt: number;
  readonly meter: AttemptMeter;
  route?: Route;
  /** The candidate whose answer is flowing (set when a stream opens or the cache hits). */
  served?: { entry: CatalogEntry; index: number };
  /** Candidates that failed before one answered, in order. */
  failures: { entry: CatalogEntry; error: unknown }[];
  cached: boolean;
  hold?: BudgetHold;
  costUsd: number | null;
  outcome?: Outcome;
  finishedAt?: number;
}
