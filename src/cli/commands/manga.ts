import { Command } from 'commander';
import { HashiError } from '../../kernel/index.ts';
import type { Hashi } from '../../main.ts';
import { output, withCommonOptions, type CommonOptions } from '../context.ts';
import { withHashi } from '../store-session.ts';

function mangaOf(h: Hashi): NonNullable<Hashi['manga']> {
  if (!h.manga) throw new HashiError('CLI_INVALID', 'MangaAssist is disabled (manga.enabled: false)', { status: 400 });
  return h.manga;
}

/** `hashi manga`: MangaAssist's catalogue and outbox. */
export function mangaCommand(): Command {
  const cmd = new Command('manga').description('MangaAssist: load the sample catalogue, read the mail outbox');
  withCommonOptions(cmd.command('seed'))
    .description('load a catalogue file (default manga.catalogue: examples/manga/catalogue.json) into the store, with embeddings')
    .option('-f, --file <path>', 'catalogue JSON: {"products": [...]}')
    .option('--json', 'print the result as JSON')
    .action(async (opts: CommonOptions & { file?: string; json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const manga = mangaOf(h);
        const file = opts.file ?? manga.settings.catalogue;
        const result = await manga.seed(file);
        output(opts.json, { file, ...result }, () => `loaded ${result.products} products from ${file} (${result.embedded} embedded)`);
      });
    });
  withCommonOptions(cmd.command('mail'))
    .description('list the order emails in the outbox (newest first), with where each one went')
    .option('-n, --limit <n>', 'how many', '20')
    .option('--body', 'print each message body too')
    .option('--json', 'machine-readable output')
    .action(async (opts: CommonOptions & { limit: string; body?: boolean; json?: boolean }) => {
      await withHashi(opts, async (h) => {
        const mail = await mangaOf(h).outbox(Number(opts.limit));
        output(opts.json, mail, () =>
          mail.length === 0
            ? '(no mail)'
            : mail.map((m) => `${m.created_at}  ${m.status.padEnd(7)}  ${m.to}  ${m.subject}\n    → ${m.delivered_to ?? '(not sent yet)'}${opts.body ? `\n\n${m.body}\n` : ''}`).join('\n'),
        );
      });
    });
  return cmd;
}
