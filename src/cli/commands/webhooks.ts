import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { HashiError, systemClock } from '../../kernel/index.ts';
import { exitCodeFor, formatOutcomes, parseAtOption, verifyFiles, verifyJsonl, type SourceDefinition, type StoredDelivery } from '../../webhooks/index.ts';
import { loadCliConfig, output, withCommonOptions, type CommonOptions } from '../context.ts';
import { withHashi } from '../store-session.ts';

interface VerifyOptions extends CommonOptions {
  source?: string;
  headers?: string;
  body?: string;
  at?: string;
  jsonl?: string;
}

const cliError = (message: string) => new HashiError('CLI_INVALID', message, { status: 400 });

/** `hashi webhooks verify`: does a captured delivery verify under a source's configuration, and if not, exactly why. */
async function verify(opts: VerifyOptions): Promise<void> {
  const config = loadCliConfig(opts);
  const ctx = {
    resolveSource: (name: string) => (Object.hasOwn(config.sources, name) ? (config.sources[name] as unknown as SourceDefinition) : undefined),
    nowSeconds: Math.floor(systemClock.now() / 1000),
  };
  if (opts.jsonl !== undefined) {
    if (opts.source || opts.headers || opts.body || opts.at) throw cliError('--jsonl carries source, headers, body and at per line; do not combine it with the other options');
    const outcomes = verifyJsonl(await readFile(opts.jsonl, 'utf8'), ctx);
    process.stdout.write(formatOutcomes(outcomes));
    process.exitCode = exitCodeFor(outcomes);
    return;
  }
  if (!opts.source || !opts.headers || !opts.body) throw cliError('give --source NAME --headers FILE --body FILE [--at UNIX_SECONDS], or --jsonl FILE');
  const outcome = verifyFiles(
    {
      source: opts.source,
      headersText: await readFile(opts.headers, 'utf8'),
      // Bytes, never text: the signature covers the exact bytes.
      body: await readFile(opts.body),
      ...(opts.at !== undefined ? { at: parseAtOption(opts.at) } : {}),
    },
    ctx,
  );
  process.stdout.write(formatOutcomes([outcome]));
  process.exitCode = exitCodeFor([outcome]);
}

function line(d: StoredDelivery): string {
  return `${d.id}  ${d.source}  ${new Date(d.receivedAt).toISOString()}  key=${d.idempotencyKey}  events=${d.eventIds.length}${d.replayCount ? `  replays=${d.replayCount}` : ''}`;
}

export function webhooksCommand(): Command {
  const cmd = new Command('webhooks').description('inbound webhook deliveries: verify captured ones, list, show and replay stored ones');
  withCommonOptions(cmd.command('verify'))
    .description('check whether a captured delivery verifies under a source of hashi.yaml (exit 0 valid, 1 invalid)')
    .option('--source <name>', 'source name in hashi.yaml')
    .option('--headers <file>', 'JSON object of the request headers')
    .option('--body <file>', 'the raw body, byte for byte')
    .option('--at <unixSeconds>', 'verify as of this time (default now)')
    .option('--jsonl <file>', 'many deliveries, one JSON object per line: {source, headers, body | bodyBase64, at}')
    .action(verify);
  withCommonOptions(cmd.command('deliveries'))
    .description('list accepted deliveries, newest first')
    .option('--source <name>', 'only this source')
    .option('--limit <n>', 'at most this many', '50')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { source?: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1) throw cliError(`--limit must be a positive integer, got ${opts.limit}`);
      await withHashi(opts, async (h) => {
        const list = await h.webhooks.listDeliveries({ limit, ...(opts.source ? { source: opts.source } : {}) });
        output(opts.json, list, () => (list.length === 0 ? '(no deliveries)' : list.map(line).join('\n')));
      });
    });
  withCommonOptions(cmd.command('show'))
    .description('one stored delivery: raw body, masked headers, verdict, events')
    .argument('<id>', 'delivery id (whd_…)')
    .action(async (id: string, opts: CommonOptions) => {
      await withHashi(opts, async (h) => {
        const d = await h.webhooks.getDelivery(id);
        if (!d) throw new HashiError('WEBHOOK_DELIVERY_NOT_FOUND', `no stored webhook delivery ${id}`, { status: 404 });
        process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
      });
    });
  withCommonOptions(cmd.command('replay'))
    .description("re-publish a stored delivery's events through the bus (running workers deliver them)")
    .argument('<id>', 'delivery id (whd_…)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: CommonOptions & { json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const result = await h.webhooks.replay(id);
        output(opts.json, result, () => `replayed ${id}: ${result.eventIds.length} event(s)${result.eventIds.length ? ` ${result.eventIds.join(', ')}` : ''}`);
      });
    });
  return cmd;
}
