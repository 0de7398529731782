import { Command } from 'commander';
import type { SearchOptions } from '../actions/kb.ts';
import { withCommonOptions, type CommonOptions } from '../options.ts';

const actions = () => import('../actions/kb.ts');

/** `hashi kb`: the Support Desk knowledge base. */
export function kbCommand(): Command {
  const cmd = new Command('kb').description('Support Desk knowledge base: ingest and search articles');
  withCommonOptions(cmd.command('ingest'))
    .description('add or replace articles: a folder of Markdown/text files (front matter optional), or a .jsonl file of {"id","title","text","metadata"?}')
    .argument('<path>', 'folder, .jsonl file, or one Markdown/text file')
    .option('--json', 'print the result as JSON')
    .action(async (path: string, opts: CommonOptions & { json?: boolean }) => (await actions()).ingest(path, opts));
  withCommonOptions(cmd.command('search'))
    .description('search the knowledge base as POST /support/v1/kb/search does')
    .argument('<query>', 'what to look for')
    .option('--product-type <type>', 'EV_CHARGER | INVERTER | BATTERY')
    .option('--product-model <model>', 'only articles for this model')
    .option('--error-code <code>', 'only articles for this error code (E123)')
    .option('--doc-type <type...>', 'only these document types')
    .option('-n, --max-results <n>', 'how many results (1-50)', '5')
    .option('--json', 'machine-readable output')
    .action(async (query: string, opts: SearchOptions) => (await actions()).search(query, opts));
  return cmd;
}
