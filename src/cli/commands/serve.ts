import { Command } from 'commander';
import { withCommonOptions, type CommonOptions } from '../options.ts';

export function serveCommand(): Command {
  return withCommonOptions(new Command('serve'))
    .description('run the HTTP edge, the queue workers and the scheduler in one process')
    .option('-p, --port <port>', 'TCP port (env HASHI_PORT; default 8787)')
    .option('--host <host>', 'interface to listen on (default 127.0.0.1)')
    .action(async (opts: CommonOptions) => (await import('../actions/serve.ts')).serve(opts));
}
