import { HashiError } from '../../kernel/index.ts';
import { createHashi } from '../../main.ts';
import { loadCliConfig } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { onShutdownSignal } from '../signals.ts';

export async function serve(opts: CommonOptions): Promise<void> {
  const config = loadCliConfig(opts);
  const hashi = await createHashi(config, { http: true, migrate: true });
  let url: string;
  try {
    url = await hashi.listen();
  } catch (err) {
    await hashi.stop();
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    const { host, port } = config.server;
    throw new HashiError('PORT_IN_USE', `cannot listen on ${host}:${port}: another process is using port ${port}. Pick another with --port N, the HASHI_PORT variable or server.port in hashi.yaml (0 takes any free port)`, { status: 503, cause: err });
  }
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
