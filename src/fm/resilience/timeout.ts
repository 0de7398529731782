import { ClientAbortedError, FmTimeoutError } from './errors.ts';
import type { TimeoutPhase } from './errors.ts';
import { abortRacer, linkAbort, raceAbort } from './signals.ts';
import { tap } from './stream.ts';
import type { Timers } from './timers.ts';
import type { AttemptMiddleware } from './types.ts';

export interface TimeoutOptions {
  /** A non-streaming call must complete within this. Default 10 s. */
  timeoutMs?: number;
  /** A stream must deliver its first event within this. Default 10 s. */
  firstByteTimeoutMs?: number;
  /** A started stream must deliver each next event within this. Default 10 s. */
  idleTimeoutMs?: number;
}

export const TIMEOUT_DEFAULTS: Required<TimeoutOptions> = {
  timeoutMs: 10_000,
  firstByteTimeoutMs: 10_000,
  idleTimeoutMs: 10_000,
};

/**
 * Per-attempt timeouts via AbortSignal. The provider sees the abort; the
 * caller does not wait for the provider to notice it.
 */
export function timeout(options: TimeoutOptions, timers: Timers): AttemptMiddleware {
  const opts = { ...TIMEOUT_DEFAULTS, ...options };
  return async function timeout(call, next) {
    const link = linkAbort(call.signal);
    const arm = (phase: TimeoutPhase, ms: number) =>
      timers.setTimeout(() => link.controller.abort(new FmTimeoutError(phase, ms)), ms);
    const opening = call.mode === 'complete' ? arm('total', opts.timeoutMs) : arm('first_byte', opts.firstByteTimeoutMs);
    let stream;
    try {
      stream = await raceAbort(next({ ...call, signal: link.signal }), link.signal, (late) => void late.return());
    } catch (err) {
      link.dispose();
      throw err;
    } finally {
      timers.clearTimeout(opening);
    }
    if (call.mode === 'complete') {
      link.dispose();
      return stream;
    }
    const racer = abortRacer(link.signal);
    return tap(stream, {
      pull: async (pullNext) => {
        const idle = arm('idle', opts.idleTimeoutMs);
        try {
          return await racer.race(pullNext());
        } finally {
          timers.clearTimeout(idle);
        }
      },
      onEnd: (end) => {
        // A consumer that walks away cancels the upstream call, not just our reading of it.
        if (end.kind === 'cancelled') link.controller.abort(new ClientAbortedError());
        racer.dispose();
        link.dispose();
      },
    });
  };
}
