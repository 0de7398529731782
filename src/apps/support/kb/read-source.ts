import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { ValidationError } from '../../../kernel/index.ts';
import type { KbDoc } from './doc.ts';
import { checkUniqueIds, parseJsonl, parseTextDoc } from './parse.ts';

const TEXT_FILE = /\.(md|markdown|txt)$/i;

/**
 * Reads what `hashi kb ingest` is pointed at: a folder (Markdown and text
 * files, and .jsonl files, found recursively), one .jsonl file, or one
 * Markdown/text file. Every document is checked before anything is written.
 */
export async function readKbSource(path: string): Promise<KbDoc[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw unreadable(`${path} does not exist`);
  const found: Array<{ doc: KbDoc; where: string }> = [];
  if (info.isDirectory()) {
    for (const file of await listFiles(path)) found.push(...(await readFileDocs(file, relative(path, file))));
  } else if (info.isFile()) {
    found.push(...(await readFileDocs(path, basename(path))));
  }
  if (found.length === 0) throw unreadable(`${path} holds no .md, .markdown, .txt or .jsonl documents`);
  checkUniqueIds(found);
  return found.map((f) => f.doc);
}

async function readFileDocs(file: string, name: string): Promise<Array<{ doc: KbDoc; where: string }>> {
  const content = await readFile(file, 'utf8');
  if (/\.jsonl$/i.test(file)) return parseJsonl(name, content).map((doc, i) => ({ doc, where: `${name}#${i + 1}` }));
  if (TEXT_FILE.test(file)) return [{ doc: parseTextDoc(name, content), where: name }];
  throw unreadable(`${file}: only .md, .markdown, .txt and .jsonl files can be ingested`);
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await listFiles(full)));
    else if (e.isFile() && (TEXT_FILE.test(e.name) || /\.jsonl$/i.test(e.name))) files.push(full);
  }
  return files;
}

const unreadable = (why: string) => new ValidationError('KB_SOURCE_UNREADABLE', why);
