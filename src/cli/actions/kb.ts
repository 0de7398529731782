import { HashiError } from '../../kernel/index.ts';
import type { Hashi } from '../../main.ts';
import { snippetText } from '../../search/index.ts';
import { output } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { withHashi } from '../store-session.ts';

export interface SearchOptions extends CommonOptions {
  productType?: string;
  productModel?: string;
  errorCode?: string;
  docType?: string[];
  maxResults: string;
  json?: boolean;
}

function supportOf(h: Hashi): NonNullable<Hashi['support']> {
  if (!h.support) throw new HashiError('CLI_INVALID', 'the Support Desk is disabled (support.enabled: false)', { status: 400 });
  return h.support;
}

export async function ingest(path: string, opts: CommonOptions & { json?: boolean }): Promise<void> {
  await withHashi(opts, async (h) => {
    const support = supportOf(h);
    const progress = opts.json ? undefined : (done: number, total: number) => process.stderr.write(`ingested ${done}/${total}\n`);
    const result = await support.ingestPath(path, progress);
    output(opts.json, result, () => `${result.documents} documents (${result.created} new, ${result.replaced} replaced); knowledge-base revision ${result.revision}`);
  });
}

export async function search(query: string, opts: SearchOptions): Promise<void> {
  await withHashi(opts, async (h) => {
    const filters = {
      ...(opts.productType ? { product_type: opts.productType } : {}),
      ...(opts.productModel ? { product_model: opts.productModel } : {}),
      ...(opts.errorCode ? { error_code: opts.errorCode } : {}),
      ...(opts.docType ? { doc_type: opts.docType } : {}),
    };
    const found = await supportOf(h).kb.search({ query, filters, maxResults: Number(opts.maxResults) });
    output(opts.json, found, () =>
      found.results.length === 0 ? '(no results)' : found.results.map((r) => `${r.score.toFixed(3)}  ${r.id}  ${r.title}\n        ${snippetText(r.snippet)}`).join('\n'),
    );
  });
}
