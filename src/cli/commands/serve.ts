import { Command } from 'commander';
import { loadCliConfig, withCommonOptions, type CommonOptions } from '../context.ts';
import { onShutdownSignal } from '../signals.ts';

export function serveCommand(): Command {
  return withCommonOptions(new Command('serve'))
    .description('run the HTTP edge, the queue workers and the scheduler in one process')
    .option('-p, --port <port>', 'TCP port (env HASHI_PORT; default 8787)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .action(async (opts: CommonOptions) => {
      const { createHashi } = await import('../../main.ts');
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
    });
}
