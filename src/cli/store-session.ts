import type { Hashi } from '../main.ts';
import { loadCliConfig } from './context.ts';
import type { CommonOptions } from './options.ts';

/**
 * Opens Hashi without HTTP or workers for one CLI command, and always closes it.
 * It applies nothing from hashi.yaml (subscriptions, rules, secrets…): that is
 * for `serve`, `worker` and `hashi apply`, not a side effect of `keys create`.
 */
export async function withHashi<T>(opts: CommonOptions, fn: (hashi: Hashi) => Promise<T>): Promise<T> {
  const config = loadCliConfig(opts);
  // Loaded on demand: `hashi --help` and the pure sandbox commands never pay for every SDK.
  const { createHashi } = await import('../main.ts');
  const hashi = await createHashi(config, { http: false, migrate: true, apply: false, logger: undefined });
  try {
    return await fn(hashi);
  } finally {
    await hashi.stop();
  }
}
