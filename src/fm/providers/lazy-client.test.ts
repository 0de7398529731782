import { describe, expect, it } from 'vitest';
import { isProviderError } from './errors.ts';
import { lazyClient } from './lazy-client.ts';

interface FakeSdk {
  version: number;
}

/** A load the test settles by hand, counting how often it was started. */
function manualLoad() {
  const loads: { resolve: (sdk: FakeSdk) => void; reject: (err: unknown) => void }[] = [];
  const load = () => new Promise<FakeSdk>((resolve, reject) => loads.push({ resolve, reject }));
  return { load, loads };
}

describe('lazyClient', () => {
  it('loads the SDK and builds the client only on the first call, once for concurrent callers', async () => {
    const { load, loads } = manualLoad();
    const built: FakeSdk[] = [];
    const lazy = lazyClient('p', 'fake-sdk', load, (sdk) => {
      built.push(sdk);
      return { client: sdk.version };
    });
    const before = { loads: loads.length, sdk: lazy.sdk };

    const first = lazy.get();
    const second = lazy.get(new AbortController().signal);
    loads[0]!.resolve({ version: 7 });
    const results = await Promise.all([first, second, lazy.get()]);

    expect(before).toEqual({ loads: 0, sdk: undefined });
    expect([loads.length, built.length, lazy.sdk]).toEqual([1, 1, { version: 7 }]);
    expect(results.map((r) => r.client)).toEqual([{ client: 7 }, { client: 7 }, { client: 7 }]);
  });

  it('fails a call whose SDK cannot be loaded as a configuration error, and tries again on the next call', async () => {
    const { load, loads } = manualLoad();
    const lazy = lazyClient('claude', 'fake-sdk', load, (sdk) => sdk.version);
    const missing = Object.assign(new Error("Cannot find package 'fake-sdk'"), { code: 'ERR_MODULE_NOT_FOUND' });

    const failed = lazy.get().catch((err: unknown) => err);
    loads[0]!.reject(missing);
    const err = await failed;
    const retry = lazy.get();
    loads[1]!.resolve({ version: 2 });

    expect(isProviderError(err)).toBe(true);
    expect(err).toMatchObject({ code: 'FM_PROVIDER_CONFIG_INVALID', kind: 'client', retryable: false, provider: 'claude', cause: missing });
    expect((await retry).client).toBe(2);
  });

  it('rejects with the abort reason as soon as the signal fires while the SDK is still loading', async () => {
    const { load, loads } = manualLoad();
    const lazy = lazyClient('p', 'fake-sdk', load, (sdk) => sdk.version);
    const controller = new AbortController();
    const reason = new DOMException('deadline', 'TimeoutError');

    const call = lazy.get(controller.signal).catch((err: unknown) => err);
    controller.abort(reason);
    const err = await call;
    const alreadyAborted = await lazy.get(controller.signal).catch((e: unknown) => e);
    loads[0]!.resolve({ version: 1 });

    expect([err, alreadyAborted]).toEqual([reason, reason]);
    expect(loads).toHaveLength(1);
    expect((await lazy.get()).client).toBe(1);
  });
});
