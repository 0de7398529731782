import type { Clock } from '../../kernel/index.ts';
import { isProviderFailure } from './classify.ts';
import { CircuitOpenError } from './errors.ts';
import { tap } from './stream.ts';
import type { AttemptMiddleware } from './types.ts';

export type CircuitState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive failed requests that open the circuit. Default 5. */
  failureThreshold?: number;
  /** How long an open circuit refuses calls before one trial. Default 30 s. */
  openMs?: number;
}

export const BREAKER_DEFAULTS: Required<BreakerOptions> = { failureThreshold: 5, openMs: 30_000 };

export interface CircuitStateChange {
  key: string;
  from: CircuitState;
  to: CircuitState;
  at: number;
  consecutiveFailures: number;
}

/** The right to make one call; report its outcome once. */
export interface CircuitPermit {
  success(): void;
  failure(): void;
  /** The call ended without saying anything about the provider (e.g. the caller left). */
  release(): void;
}

interface Circuit {
  state: CircuitState;
  failures: number;
  openedAt: number;
  trialInFlight: boolean;
}

/**
 * One circuit per provider+model. Closed counts consecutive failures; open
 * refuses calls for `openMs`; half-open lets exactly one trial through —
 * success closes, failure re-opens.
 */
export class CircuitBreakers {
  private readonly opts: Required<BreakerOptions>;
  private readonly circuits = new Map<string, Circuit>();

  constructor(
    options: BreakerOptions,
    private readonly deps: { clock: Clock; onStateChange?: (change: CircuitStateChange) => void },
  ) {
    this.opts = { ...BREAKER_DEFAULTS, ...options };
  }

  state(key: string): CircuitState {
    const c = this.circuits.get(key);
    if (!c) return 'closed';
    if (c.state === 'open' && this.deps.clock.now() - c.openedAt >= this.opts.openMs) return 'half_open';
    return c.state;
  }

  /** A permit, or CircuitOpenError when the circuit refuses the call. */
  acquire(key: string): CircuitPermit {
    const c = this.circuit(key);
    const now = this.deps.clock.now();
    if (c.state === 'open') {
      const waited = now - c.openedAt;
      if (waited < this.opts.openMs) throw new CircuitOpenError(key, this.opts.openMs - waited);
      this.move(key, c, 'half_open');
    }
    if (c.state === 'half_open') {
      if (c.trialInFlight) throw new CircuitOpenError(key, this.opts.openMs);
      c.trialInFlight = true;
    }
    return this.permit(key, c, c.state === 'half_open');
  }

  private permit(key: string, c: Circuit, trial: boolean): CircuitPermit {
    let used = false;
    const once = (fn: () => void) => () => {
      if (used) return;
      used = true;
      if (trial) c.trialInFlight = false;
      fn();
    };
    return {
      success: once(() => {
        c.failures = 0;
        if (c.state !== 'closed') this.move(key, c, 'closed');
      }),
      failure: once(() => {
        c.failures += 1;
        if (c.state === 'half_open' || (c.state === 'closed' && c.failures >= this.opts.failureThreshold)) {
          c.openedAt = this.deps.clock.now();
          this.move(key, c, 'open');
        }
      }),
      release: once(() => undefined),
    };
  }

  private circuit(key: string): Circuit {
    let c = this.circuits.get(key);
    if (!c) {
      c = { state: 'closed', failures: 0, openedAt: 0, trialInFlight: false };
      this.circuits.set(key, c);
    }
    return c;
  }

  private move(key: string, c: Circuit, to: CircuitState): void {
    const from = c.state;
    c.state = to;
    try {
      this.deps.onStateChange?.({ key, from, to, at: this.deps.clock.now(), consecutiveFailures: c.failures });
    } catch {
      // A listener's failure must never change the outcome of the call being served.
    }
  }
}

/**
 * Wraps the whole request to one provider model (retries included): the
 * outcome is known only when the stream ends, so a stream that breaks after
 * its first byte still counts as a failure.
 */
export function breaker(breakers: CircuitBreakers): AttemptMiddleware {
  return async function breaker(call, next) {
    const permit = breakers.acquire(call.key);
    const settle = (err: unknown): void => (isProviderFailure(err) ? permit.failure() : permit.release());
    let stream;
    try {
      stream = await next(call);
    } catch (err) {
      settle(err);
      throw err;
    }
    return tap(stream, {
      onEnd: (end) => {
        if (end.kind === 'done') permit.success();
        else if (end.kind === 'error') settle(end.error);
        else permit.release();
      },
    });
  };
}
