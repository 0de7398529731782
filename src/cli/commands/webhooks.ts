import { Command } from 'commander';
import type { VerifyOptions } from '../actions/webhooks.ts';
import { withCommonOptions, type CommonOptions } from '../options.ts';

const actions = () => import('../actions/webhooks.ts');

export function webhooksCommand(): Command {
  const cmd = new Command('webhooks').description('inbound webhook deliveries: verify captured ones, list, show and replay stored ones');
  withCommonOptions(cmd.command('verify'))
    .description('check whether a captured delivery verifies under a source of hashi.yaml (exit 0 valid, 1 invalid)')
    .option('--source <name>', 'source name in hashi.yaml')
    .option('--headers <file>', 'JSON object of the request headers')
    .option('--body <file>', 'the raw body, byte for byte')
    .option('--at <unixSeconds>', 'verify as of this time (default now)')
    .option('--jsonl <file>', 'many deliveries, one JSON object per line: {source, headers, body | bodyBase64, at}')
    .action(async (opts: VerifyOptions) => (await actions()).verify(opts));
  withCommonOptions(cmd.command('deliveries'))
    .description('list accepted deliveries, newest first')
    .option('--source <name>', 'only this source')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { source?: string; limit: string; json?: boolean }) => (await actions()).deliveries(opts));
  withCommonOptions(cmd.command('show'))
    .description('one stored delivery: raw body, masked headers, verdict, events')
    .argument('<id>', 'delivery id (whd_…)')
    .action(async (id: string, opts: CommonOptions) => (await actions()).show(id, opts));
  withCommonOptions(cmd.command('replay'))
    .description("re-publish a stored delivery's events through the bus (running workers deliver them)")
    .argument('<id>', 'delivery id (whd_…)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: CommonOptions & { json?: boolean }) => (await actions()).replay(id, opts));
  return cmd;
}
