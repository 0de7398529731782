import type { Clock } from '../../kernel/index.ts';
import { ClientAbortedError, DeadlineExceededError } from './errors.ts';
import { abortRacer, raceAbort } from './signals.ts';
import { tap } from './stream.ts';
import type { EventStream } from './stream.ts';
import type { Timers } from './timers.ts';

/** The part of a request's state the deadline middleware reads and sets. */
export interface DeadlineScope {
  /** Absolute epoch ms (the HTTP edge's 29 s deadline). */
  readonly deadline: number;
  /** The caller's signal (client disconnect). */
  readonly clientSignal: AbortSignal | undefined;
  /**
   * The caller's own controller behind `clientSignal`, when it lends it: the
   * deadline then aborts that one instead of a second controller linked to it
   * (one AbortController and no listener less per request).
   */
  readonly clientController?: AbortController | undefined;
  /** Set here: aborts on client abort or at the deadline; everything below listens to it. */
  signal: AbortSignal;
}

/**
 * The request-wide deadline and client abort, as one signal every inner step
 * obeys. Retries and fallbacks cannot outlive it; neither can a stream.
 */
export function deadline(deps: { clock: Clock; timers: Timers }) {
  return async function deadline<S extends DeadlineScope>(scope: S, next: (scope: S) => Promise<EventStream>): Promise<EventStream> {
    const lent = scope.clientController;
    const controller = lent ?? new AbortController();
    const client = lent ? undefined : scope.clientSignal;
    // An edge that enforces the same deadline may abort the caller's signal first; call that a deadline too.
    const whyAborted = () =>
      deps.clock.now() >= scope.deadline ? new DeadlineExceededError(scope.deadline) : new ClientAbortedError(client?.reason);
    const onClientAbort = (): void => controller.abort(whyAborted());
    if (client?.aborted || lent?.signal.aborted) throw whyAborted();
    const remaining = scope.deadline - deps.clock.now();
    if (remaining <= 0) throw new DeadlineExceededError(scope.deadline);
    client?.addEventListener('abort', onClientAbort, { once: true });
    const timer = deps.timers.setTimeout(() => controller.abort(new DeadlineExceededError(scope.deadline)), remaining);
    const cleanup = (): void => {
      deps.timers.clearTimeout(timer);
      client?.removeEventListener('abort', onClientAbort);
    };
    scope.signal = controller.signal;
    let stream;
    try {
      stream = await raceAbort(next(scope), controller.signal, (late) => void late.return());
    } catch (err) {
      cleanup();
      throw err;
    }
    const racer = abortRacer(controller.signal);
    return tap(stream, {
      pull: (pullNext) => racer.race(pullNext()),
      onEnd: () => {
        racer.dispose();
        cleanup();
      },
    });
  };
}
