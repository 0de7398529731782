import { HashiError, systemClock } from '../../kernel/index.ts';
import { exitCodeFor, formatOutcomes, parseAtOption, verifyFiles, verifyJsonl, type SourceDefinition, type StoredDelivery } from '../../webhooks/index.ts';
import { loadCliConfig, output } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { withHashi } from '../store-session.ts';
import { readBytes, readText } from './read-input.ts';

export interface VerifyOptions extends CommonOptions {
  source?: string;
  headers?: string;
  body?: string;
  at?: string;
  jsonl?: string;
}

const cliError = (message: string) => new HashiError('CLI_INVALID', message, { status: 400 });

/** `hashi webhooks verify`: does a captured delivery verify under a source's configuration, and if not, exactly why. */
export async function verify(opts: VerifyOptions): Promise<void> {
  const config = loadCliConfig(opts);
  const ctx = {
    resolveSource: (name: string) => (Object.hasOwn(config.sources, name) ? (config.sources[name] as unknown as SourceDefinition) : undefined),
    nowSeconds: Math.floor(systemClock.now() / 1000),
  };
  if (opts.jsonl !== undefined) {
    if (opts.source || opts.headers || opts.body || opts.at) throw cliError('--jsonl carries source, headers, body and at per line; do not combine it with the other options');
    const outcomes = verifyJsonl(readText(opts.jsonl, '--jsonl'), ctx);
    process.stdout.write(formatOutcomes(outcomes));
    process.exitCode = exitCodeFor(outcomes);
    return;
  }
  if (!opts.source || !opts.headers || !opts.body) throw cliError('give --source NAME --headers FILE --body FILE [--at UNIX_SECONDS], or --jsonl FILE');
  const outcome = verifyFiles(
    {
      source: opts.source,
      headersText: readText(opts.headers, '--headers'),
      // Bytes, never text: the signature covers the exact bytes.
      body: readBytes(opts.body, '--body'),
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

export async function deliveries(opts: CommonOptions & { source?: string; limit: string; json?: boolean }): Promise<void> {
  const limit = Number(opts.limit);
  if (!Number.isInteger(limit) || limit < 1) throw cliError(`--limit must be a positive integer, got ${opts.limit}`);
  await withHashi(opts, async (h) => {
    const list = await h.webhooks.listDeliveries({ limit, ...(opts.source ? { source: opts.source } : {}) });
    output(opts.json, list, () => (list.length === 0 ? '(no deliveries)' : list.map(line).join('\n')));
  });
}

export async function show(id: string, opts: CommonOptions): Promise<void> {
  await withHashi(opts, async (h) => {
    const d = await h.webhooks.getDelivery(id);
    if (!d) throw new HashiError('WEBHOOK_DELIVERY_NOT_FOUND', `no stored webhook delivery ${id}`, { status: 404 });
    process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
  });
}

export async function replay(id: string, opts: CommonOptions & { json?: boolean }): Promise<void> {
  await withHashi(opts, async (h) => {
    const result = await h.webhooks.replay(id);
    output(opts.json, result, () => `replayed ${id}: ${result.eventIds.length} event(s)${result.eventIds.length ? ` ${result.eventIds.join(', ')}` : ''}`);
  });
}
