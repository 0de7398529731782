export type { AttemptCall, AttemptHandler, AttemptMeter, AttemptMiddleware } from './types.ts';
export { attemptKey } from './types.ts';
export { tap, prepend, fromEvents, drain } from './stream.ts';
export type { EventStream, StreamEnd, StreamHooks, DoneEvent } from './stream.ts';
export { callProvider } from './provider-call.ts';
export { timeout, TIMEOUT_DEFAULTS } from './timeout.ts';
export type { TimeoutOptions } from './timeout.ts';
export { retry, backoffDelay, RETRY_DEFAULTS } from './retry.ts';
export type { RetryOptions, RetryDeps } from './retry.ts';
export { RetryBudget, RETRY_BUDGET_DEFAULTS } from './retry-budget.ts';
export type { RetryBudgetOptions } from './retry-budget.ts';
export { breaker, CircuitBreakers, BREAKER_DEFAULTS } from './breaker.ts';
export type { BreakerOptions, CircuitPermit, CircuitState, CircuitStateChange } from './breaker.ts';
export { concurrency, ConcurrencyLimiter, CONCURRENCY_DEFAULTS } from './concurrency.ts';
export type { ConcurrencyOptions } from './concurrency.ts';
export { deadline } from './deadline.ts';
export type { DeadlineScope } from './deadline.ts';
export { isRetryable, isTerminal, isProviderFailure, retryAfterMsOf } from './classify.ts';
export type { RetryHint } from './classify.ts';
export { abortRacer, linkAbort, raceAbort } from './signals.ts';
export type { AbortRacer, LinkedAbort } from './signals.ts';
export { SlidingCounter } from './sliding-window.ts';
export { systemTimers, FakeTimers, sleep } from './timers.ts';
export type { Timers, TimerHandle } from './timers.ts';
export { createScriptedProvider } from './scripted-provider.ts';
export type { ScriptedCall, ScriptedProvider, ScriptStep, ScriptedProviderOptions } from './scripted-provider.ts';
export {
  RESILIENCE_CODES,
  FmTimeoutError,
  CircuitOpenError,
  OverloadedError,
  DeadlineExceededError,
  ClientAbortedError,
  StreamInterruptedError,
} from './errors.ts';
export type { TimeoutPhase } from './errors.ts';
