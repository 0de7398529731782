import type { Hashi } from '../main.ts';
import { loadCliConfig } from './context.ts';
import type { CommonOptions } from './options.ts';

/** Opens Hashi without HTTP or workers for one CLI command, and always closes it. */
export async function withHashi<T>(opts: CommonOptions, fn: (hashi: Hashi) => Promise<T>): Promise<T> {
  const config = loadCliConfig(opts);
  // Loaded on demand: `hashi --help` and the pure sandbox commands never pay for every SDK.
  const { createHashi } = await import('../main.ts');
  const hashi = await createHashi(config, { http: false, migrate: true, logger: undefined });
  try {
    return await fn(hashi);
  } finally {
    await hashi.stop();
  }
}
