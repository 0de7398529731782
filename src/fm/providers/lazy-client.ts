import { ProviderError } from './errors.ts';

/**
 * A provider's SDK client, built on the first call that needs it. Importing an
 * SDK costs 0.1–0.3 s, which every process that builds the gateway would
 * otherwise pay even when it never calls that provider (each CLI command that
 * opens Hashi, an offline-only config).
 */
export interface LazyClient<S, C> {
  /**
   * The SDK module and this provider's client. While the SDK is still loading,
   * an abort of `signal` rejects at once with its reason (callers classify it
   * as they classify any abort, since `signal.aborted` is then true).
   */
  get(signal?: AbortSignal): Promise<{ sdk: S; client: C }>;
  /** The SDK module once loaded; error classifiers need its classes. */
  readonly sdk: S | undefined;
}

/**
 * `load` is the adapter's own `() => import('<sdk>')`. A failed load is not
 * kept: the next call tries again. It fails as a configuration problem (not
 * retryable): the package the provider type needs is missing or broken.
 */
export function lazyClient<S, C>(provider: string, packageName: string, load: () => Promise<S>, build: (sdk: S) => C): LazyClient<S, C> {
  let loaded: S | undefined;
  let ready: { sdk: S; client: C } | undefined;
  let pending: Promise<{ sdk: S; client: C }> | undefined;
  const start = async (): Promise<{ sdk: S; client: C }> => {
    let sdk: S;
    try {
      sdk = await load();
    } catch (err) {
      throw new ProviderError(`${provider}: cannot load ${packageName}`, { kind: 'client', code: 'FM_PROVIDER_CONFIG_INVALID', provider, cause: err });
    }
    loaded = sdk;
    ready = { sdk, client: build(sdk) };
    return ready;
  };
  return {
    get sdk() {
      return loaded;
    },
    get(signal) {
      if (ready !== undefined) return Promise.resolve(ready);
      pending ??= start().catch((err: unknown) => {
        pending = undefined;
        throw err;
      });
      return signal === undefined ? pending : untilAborted(pending, signal);
    },
  };
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
