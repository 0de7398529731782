import { createHashi } from '../../main.ts';
import { loadCliConfig } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { onShutdownSignal } from '../signals.ts';

export async function serve(opts: CommonOptions): Promise<void> {
  const config = loadCliConfig(opts);
  const hashi = await createHashi(config, { http: true, migrate: true });
  const url = await hashi.listen();
  const storeDesc = hashi.store.description;
  process.stdout.write(
    [
      `hashi ${config.stage ? `(${config.stage}) ` : ''}listening on ${url}`,
      `  config:  ${config.configFile || '(defaults only)'}`,
      `  data:    ${config.dataDir}`,
      `  store:   ${storeDesc}`,
      `  cache:   ${hashi.cache.description}`,
      `  docs:    ${url}/docs`,
      '',
    ].join('\n'),
  );
  onShutdownSignal(async (signal) => {
    process.stdout.write(`${signal} received: draining…\n`);
    await hashi.stop();
  });
}
