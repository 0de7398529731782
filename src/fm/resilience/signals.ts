/** A child AbortController that aborts (with the parent's reason) when the parent does. */
export interface LinkedAbort {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** Detaches from the parent; call when the child's work is over. */
  dispose(): void;
}

export function linkAbort(parent?: AbortSignal): LinkedAbort {
  const controller = new AbortController();
  if (!parent) return { controller, signal: controller.signal, dispose: () => undefined };
  if (parent.aborted) {
    controller.abort(parent.reason);
    return { controller, signal: controller.signal, dispose: () => undefined };
  }
  const onAbort = (): void => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  return {
    controller,
    signal: controller.signal,
    dispose: () => parent.removeEventListener('abort', onAbort),
  };
}

/**
 * Settles with `promise`, or rejects with `signal.reason` the moment the signal
 * aborts — so an upstream that ignores its AbortSignal cannot hang the caller.
 * A value that arrives after the race was lost goes to `orphan` (e.g. to close
 * a stream nobody will read).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, orphan?: (value: T) => void): Promise<T> {
  const adopt = () => {
    promise.then(orphan, () => undefined);
  };
  if (signal.aborted) {
    adopt();
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      adopt();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

export interface AbortRacer {
  /** Like `raceAbort`, without adding and removing a listener per call. */
  race<T>(promise: Promise<T>): Promise<T>;
  /** Stops listening; call once the stream is over. */
  dispose(): void;
}

/**
 * `raceAbort` for the many pulls of one stream: one abort listener for the
 * stream's whole life, and per pull only the promise itself. A value that
 * arrives after its race was lost is dropped (the stream is being torn down).
 */
export function abortRacer(signal: AbortSignal): AbortRacer {
  let lose: ((reason: unknown) => void) | undefined;
  const onAbort = (): void => {
    const l = lose;
    lose = undefined;
    l?.(signal.reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  return {
    race<T>(promise: Promise<T>): Promise<T> {
      if (signal.aborted) {
        promise.catch(() => undefined);
        return Promise.reject(signal.reason);
      }
      return new Promise<T>((resolve, reject) => {
        let settled = false;
        lose = (reason) => {
          settled = true;
          promise.catch(() => undefined);
          reject(reason);
        };
        promise.then(
          (value) => {
            if (settled) return;
            settled = true;
            lose = undefined;
            resolve(value);
          },
          (err: unknown) => {
            if (settled) return;
            settled = true;
            lose = undefined;
            reject(err);
          },
        );
      });
    },
    dispose() {
      lose = undefined;
      signal.removeEventListener('abort', onAbort);
    },
  };
}
