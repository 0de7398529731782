import { Command } from 'commander';
import { HashiError } from '../../kernel/index.ts';
import type { Hashi } from '../../main.ts';
import { output, withCommonOptions, type CommonOptions } from '../context.ts';
import { withHashi } from '../store-session.ts';

function supportOf(h: Hashi): NonNullable<Hashi['support']> {
  if (!h.support) throw new HashiError('CLI_INVALID', 'the Support Desk is disabled (support.enabled: false)', { status: 400 });
  return h.support;
}

/** `hashi kb`: the Support Desk knowledge base. */
export function kbCommand(): Command {
  const cmd = new Command('kb').description('Support Desk knowledge base: ingest and search articles');
  withCommonOptions(cmd.command('ingest'))
    .description('add or replace articles: a folder of Markdown/text files (front matter optional), or a .jsonl file of {"id","title","text","metadata"?}')
    .argument('<path>', 'folder, .jsonl file, or one Markdown/text file')
    .option('--json', 'print the result as JSON')
    .action(async (path: string, opts: CommonOptions & { json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const support = supportOf(h);
        const progress = opts.json ? undefined : (done: number, total: number) => process.stderr.write(`ingested ${done}/${total}\n`);
        const result = await support.ingestPath(path, progress);
        output(opts.json, result, () => `${result.documents} documents (${result.created} new, ${result.replaced} replaced); knowledge-base revision ${result.revision}`);
      });
    });
  withCommonOptions(cmd.command('search'))
    .description('search the knowledge base as POST /support/v1/kb/search does')
    .argument('<query>', 'what to look for')
    .option('--product-type <type>', 'EV_CHARGER | INVERTER | BATTERY')
    .option('--product-model <model>', 'only articles for this model')
    .option('--error-code <code>', 'only articles for this error code (E123)')
    .option('--doc-type <type...>', 'only these document types')
    .option('-n, --max-results <n>', 'how many results (1-50)', '5')
    .option('--json', 'machine-readable output')
    .action(async (query: string, opts: CommonOptions & { productType?: string; productModel?: string; errorCode?: string; docType?: string[]; maxResults: string; json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const filters = {
          ...(opts.productType ? { product_type: opts.productType } : {}),
          ...(opts.productModel ? { product_model: opts.productModel } : {}),
          ...(opts.errorCode ? { error_code: opts.errorCode } : {}),
          ...(opts.docType ? { doc_type: opts.docType } : {}),
        };
        const found = await supportOf(h).kb.search({ query, filters, maxResults: Number(opts.maxResults) });
        output(opts.json, found, () =>
          found.results.length === 0 ? '(no results)' : found.results.map((r) => `${r.score.toFixed(3)}  ${r.id}  ${r.title}\n        ${r.snippet.replace(/<\/?mark>/g, '*')}`).join('\n'),
        );
      });
    });
  return cmd;
}
