import { ValidationError } from '../../../kernel/index.ts';

export type MetadataScalar = string | number | boolean;
export type KbMetadata = Record<string, MetadataScalar | MetadataScalar[] | null>;

/** A knowledge-base article as ingested and stored. */
export interface KbDoc {
  id: string;
  title: string;
  text: string;
  metadata: KbMetadata;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$/;

/**
 * Checks one document from any source (JSONL line, Markdown file, HTTP body)
 * and returns it normalised; `where` names the source in the error.
 */
export function checkKbDoc(value: unknown, where: string): KbDoc {
  const bad = (why: string) => new ValidationError('KB_DOCUMENT_INVALID', `${where}: ${why}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('a document is a JSON object {"id","title","text","metadata"?}');
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !ID.test(v.id)) throw bad('id must be 1–200 characters of letters, digits and . _ : / - (starting with a letter or digit)');
  if (typeof v.title !== 'string' || v.title.trim() === '' || v.title.length > 300) throw bad(`document ${v.id}: title must be 1–300 characters`);
  if (typeof v.text !== 'string' || v.text.trim() === '') throw bad(`document ${v.id}: text must not be empty`);
  return { id: v.id, title: v.title.trim(), text: v.text.trim(), metadata: checkMetadata(v.metadata, (why) => bad(`document ${v.id}: ${why}`)) };
}

function checkMetadata(value: unknown, bad: (why: string) => Error): KbMetadata {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw bad('metadata must be an object');
  const out: KbMetadata = {};
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    if (raw === null || isScalar(raw)) out[key] = raw;
    else if (Array.isArray(raw) && raw.every(isScalar)) out[key] = raw;
    else throw bad(`metadata.${key} must be a string, number, boolean, null or a list of them`);
  }
  return out;
}

function isScalar(v: unknown): v is MetadataScalar {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}
