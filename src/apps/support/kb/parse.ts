import { parse as parseYaml } from 'yaml';
import { ValidationError } from '../../../kernel/index.ts';
import { checkKbDoc, type KbDoc } from './doc.ts';

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;
const HEADING = /^#[ \t]+(.+?)[ \t#]*$/m;

/**
 * A Markdown or text article. Optional YAML front matter gives `id`, `title`
 * and any metadata (`product_type`, `product_model`, `error_code`,
 * `doc_type`…); without them the id is the file's path below the ingested
 * folder (without extension) and the title its first `# heading` (else the
 * file name).
 */
export function parseTextDoc(relativePath: string, content: string): KbDoc {
  const where = relativePath;
  let body = content.replace(/^\uFEFF/, '');
  let front: Record<string, unknown> = {};
  const m = FRONT_MATTER.exec(body);
  if (m) {
    let parsed: unknown;
    try {
      parsed = parseYaml(m[1]!);
    } catch (err) {
      throw new ValidationError('KB_DOCUMENT_INVALID', `${where}: front matter is not valid YAML: ${(err as Error).message}`);
    }
    if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) throw new ValidationError('KB_DOCUMENT_INVALID', `${where}: front matter must be a YAML mapping`);
    front = (parsed ?? {}) as Record<string, unknown>;
    body = body.slice(m[0].length);
  }
  const { id, title, ...metadata } = front;
  let docTitle = typeof title === 'string' ? title : undefined;
  if (docTitle === undefined) {
    const heading = HEADING.exec(body);
    if (heading) {
      docTitle = heading[1]!;
      body = body.replace(heading[0], '');
    }
  }
  const base = relativePath.replace(/\\/g, '/').replace(/\.(md|markdown|txt)$/i, '');
  return checkKbDoc(
    {
      id: id === undefined ? defaultId(base) : String(id),
      title: docTitle ?? base.split('/').at(-1)!,
      text: body,
      metadata,
    },
    where,
  );
}

/** One JSONL line per document: `{"id","title","text","metadata"?}`; blank lines are skipped. */
export function parseJsonl(name: string, content: string): KbDoc[] {
  const docs: KbDoc[] = [];
  content.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new ValidationError('KB_DOCUMENT_INVALID', `${name}:${i + 1}: not valid JSON: ${(err as Error).message}`);
    }
    docs.push(checkKbDoc(value, `${name}:${i + 1}`));
  });
  return docs;
}

/** Refuses a batch that names one id twice: which copy should win is a mistake to surface, not guess. */
export function checkUniqueIds(docs: Array<{ doc: KbDoc; where: string }>): void {
  const seen = new Map<string, string>();
  for (const { doc, where } of docs) {
    const first = seen.get(doc.id);
    if (first !== undefined) throw new ValidationError('KB_DOCUMENT_INVALID', `id ${doc.id} appears twice: in ${first} and in ${where}`);
    seen.set(doc.id, where);
  }
}

function defaultId(path: string): string {
  return path
    .toLowerCase()
    .replace(/[^a-z0-9._:/-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 200);
}
