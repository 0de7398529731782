import { HashiError } from '../../kernel/index.ts';
import type { Hashi } from '../../main.ts';
import { output } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { withHashi } from '../store-session.ts';

function mangaOf(h: Hashi): NonNullable<Hashi['manga']> {
  if (!h.manga) throw new HashiError('CLI_INVALID', 'MangaAssist is disabled (manga.enabled: false)', { status: 400 });
  return h.manga;
}

export async function seed(opts: CommonOptions & { file?: string; json?: boolean }): Promise<void> {
  await withHashi(opts, async (h) => {
    const manga = mangaOf(h);
    const file = opts.file ?? manga.settings.catalogue;
    const result = await manga.seed(file);
    output(opts.json, { file, ...result }, () => `loaded ${result.products} products from ${file} (${result.embedded} embedded)`);
  });
}

export async function mail(opts: CommonOptions & { limit: string; body?: boolean; json?: boolean }): Promise<void> {
  await withHashi(opts, async (h) => {
    const mail = await mangaOf(h).outbox(Number(opts.limit));
    output(opts.json, mail, () =>
      mail.length === 0
        ? '(no mail)'
        : mail.map((m) => `${m.created_at}  ${m.status.padEnd(7)}  ${m.to}  ${m.subject}\n    → ${m.delivered_to ?? '(not sent yet)'}${opts.body ? `\n\n${m.body}\n` : ''}`).join('\n'),
    );
  });
}
