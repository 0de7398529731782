import { ResponseCache } from '../cache/index.ts';
import { Budgets } from '../cost/index.ts';
import {
  breaker,
  callProvider,
  CircuitBreakers,
  concurrency,
  ConcurrencyLimiter,
  deadline,
  drain,
  retry,
  RetryBudget,
  systemTimers,
  timeout,
} from '../resilience/index.ts';
import type { AttemptCall, EventStream } from '../resilience/index.ts';
import { safePublish } from '../routing/index.ts';
import { budget } from './budget.ts';
import { cache } from './cache.ts';
import { tryCandidates } from './candidates.ts';
import { compose } from './compose.ts';
import { publishCompleted } from './publish-completed.ts';
import { createNativeExchange, type GatewayRequest } from '../exchange/native.ts';
import type { Exchange } from '../exchange/types.ts';
import { gatewayStream, metaOf, resultOf } from './result.ts';
import { route } from './route.ts';
import type { GatewayContext, GatewayResult, GatewayStream, GatewayStreamMeta, PipelineDeps, RequestState } from './types.ts';

export const DEFAULT_DEADLINE_MS = 29_000;
const NEVER_ABORTED = new AbortController().signal;

/** A call whose first piece has arrived: headers can be written from `meta`, the rest flows from `stream`. */
export interface OpenedCall {
  stream: EventStream;
  meta: GatewayStreamMeta;
  /** Live request state: `costUsd` and `outcome` are set once `done` has passed. */
  state: RequestState;
}

export interface CompletionPipeline {
  /** Runs any exchange (wire dialects, native); resolves once the first piece has arrived. */
  open(exchange: Exchange, ctx: GatewayContext): Promise<OpenedCall>;
  complete(request: GatewayRequest, ctx: GatewayContext): Promise<GatewayResult>;
  /** Resolves once the first event has arrived (so errors before it can still become an HTTP status). */
  stream(request: GatewayRequest, ctx: GatewayContext): Promise<GatewayStream>;
  /** Step names, outermost first: request level, then per-candidate attempt level. */
  readonly stages: { request: readonly string[]; attempt: readonly string[] };
  readonly breakers: CircuitBreakers;
  readonly limiter: ConcurrencyLimiter;
}

/**
 * The FM gateway's core: deadline → publish → budget → route → cache →
 * for each route candidate (breaker → retry → timeout → concurrency →
 * provider). Settling the cost and publishing `InferenceCompleted` happen
 * on the way out, when the answer completes.
 */
export function createCompletionPipeline(deps: PipelineDeps): CompletionPipeline {
  const options = deps.options ?? {};
  const { clock } = deps;
  const timers = options.timers ?? systemTimers;
  const report = (where: 'cache' | 'ledger' | 'publish') => (err: unknown) => options.onError?.(err, where);
  const publish = safePublish(deps.publish, report('publish'));

  const breakers = new CircuitBreakers(options.breaker ?? {}, {
    clock,
    onStateChange: (change) => {
      options.onCircuitStateChange?.(change);
      publish('CircuitStateChanged', { ...change, at: new Date(change.at).toISOString() });
    },
  });
  const limiter = new ConcurrencyLimiter(options.concurrency);
  const attemptChain = compose<AttemptCall, EventStream>(
    breaker(breakers),
    retry(options.retry ?? {}, { clock, timers, random: options.random ?? Math.random, budget: new RetryBudget(options.retryBudget ?? {}, clock) }),
    timeout(options.timeouts ?? {}, timers),
    concurrency(limiter),
  );
  const provider = callProvider(clock);
  const attempt = (call: AttemptCall) => attemptChain(call, provider);

  const responseCache = deps.cache ? new ResponseCache(deps.cache, options.cache ?? {}, { clock, onError: report('cache') }) : undefined;
  const budgets = new Budgets({ ledger: deps.ledger, clock, policy: options.budgets });
  const requestChain = compose<RequestState, EventStream>(
    deadline({ clock, timers }),
    publishCompleted({ publish, clock }),
    budget({ budgets, router: deps.router, report: report('ledger') }),
    route(deps.router),
    cache(responseCache),
  );
  const terminal = tryCandidates(deps.providers, attempt, clock);

  const start = (exchange: Exchange, ctx: GatewayContext) => {
    const now = clock.now();
    const state: RequestState = {
      mode: exchange.mode,
      exchange,
      ctx,
      startedAt: now,
      deadline: ctx.deadline ?? now + (options.defaultDeadlineMs ?? DEFAULT_DEADLINE_MS),
      clientSignal: ctx.signal,
      clientController: ctx.abortController,
      // Replaced by the deadline step's signal before anything reads it.
      signal: ctx.signal ?? NEVER_ABORTED,
      meter: ctx.meter ?? { attempts: 0, providerWaitMs: 0 },
      failures: [],
      cached: false,
      costUsd: null,
    };
    return { state, opened: requestChain(state, terminal) };
  };

  const native = (request: GatewayRequest, mode: 'complete' | 'stream') => createNativeExchange(request, mode, deps.dialects);

  return {
    async open(exchange, ctx) {
      const { state, opened } = start(exchange, ctx);
      const stream = await opened;
      return { stream, meta: metaOf(state), state };
    },
    async complete(request, ctx) {
      const { state, opened } = start(native(request, 'complete'), ctx);
      const { text, outcome } = await drain(await opened);
      return resultOf(state, text, outcome, clock.now());
    },
    async stream(request, ctx) {
      const { state, opened } = start(native(request, 'stream'), ctx);
      return gatewayStream(state, await opened, () => clock.now());
    },
    stages: { request: [...requestChain.names, terminal.name], attempt: [...attemptChain.names, provider.name] },
    breakers,
    limiter,
  };
}
