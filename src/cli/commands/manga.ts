import { Command } from 'commander';
import { withCommonOptions, type CommonOptions } from '../options.ts';

const actions = () => import('../actions/manga.ts');

/** `hashi manga`: MangaAssist's catalogue and outbox. */
export function mangaCommand(): Command {
  const cmd = new Command('manga').description('MangaAssist: load the sample catalogue, read the mail outbox');
  withCommonOptions(cmd.command('seed'))
    .description('load a catalogue file (default manga.catalogue: examples/manga/catalogue.json) into the store, with embeddings')
    .option('-f, --file <path>', 'catalogue JSON: {"products": [...]}')
    .option('--json', 'print the result as JSON')
    .action(async (opts: CommonOptions & { file?: string; json?: boolean }) => (await actions()).seed(opts));
  withCommonOptions(cmd.command('mail'))
    .description('list the order emails in the outbox (newest first), with where each one went')
    .option('-n, --limit <n>', 'how many', '20')
    .option('--body', 'print each message body too')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { limit: string; body?: boolean; json?: boolean }) => (await actions()).mail(opts));
  return cmd;
}
