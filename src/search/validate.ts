import { ValidationError } from '../kernel/index.ts';
import { compileFilters, type MetadataPredicate } from './filters.ts';
import type { KnowledgeDoc, SearchMode, SearchRequest } from './types.ts';

export const MAX_RESULTS_LIMIT = 50;
export const DEFAULT_MAX_RESULTS = 5;
export const MAX_QUERY_CHARS = 2000;
const MODES: readonly SearchMode[] = ['hybrid', 'bm25', 'vector'];

export interface CheckedRequest {
  query: string;
  maxResults: number;
  mode: SearchMode;
  predicate: MetadataPredicate | undefined;
}

/** Argument checks at the public API; the HTTP edge validates its JSON first, this guards other callers. */
export function checkRequest(req: SearchRequest, defaultMode: SearchMode): CheckedRequest {
  if (typeof req !== 'object' || req === null) throw new ValidationError('SEARCH_INVALID_QUERY', 'search needs a request object');
  const { query } = req;
  if (typeof query !== 'string' || query.trim() === '' || query.length > MAX_QUERY_CHARS) {
    throw new ValidationError('SEARCH_INVALID_QUERY', `query must be a non-empty string of at most ${MAX_QUERY_CHARS} characters`);
  }
  const maxResults = req.maxResults ?? DEFAULT_MAX_RESULTS;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_RESULTS_LIMIT) {
    throw new ValidationError('SEARCH_INVALID_MAX_RESULTS', `maxResults must be an integer from 1 to ${MAX_RESULTS_LIMIT}`, { details: { maxResults } });
  }
  const mode = req.mode ?? defaultMode;
  if (!MODES.includes(mode)) throw new ValidationError('SEARCH_INVALID_MODE', 'mode must be hybrid, bm25 or vector', { details: { mode } });
  return { query, maxResults, mode, predicate: compileFilters(req.filters) };
}

export function checkDoc(doc: KnowledgeDoc): void {
  const bad = (why: string): ValidationError =>
    new ValidationError('SEARCH_INVALID_DOCUMENT', `document ${JSON.stringify((doc as Partial<KnowledgeDoc>)?.id ?? null)}: ${why}`);
  if (typeof doc !== 'object' || doc === null) throw bad('not an object');
  if (typeof doc.id !== 'string' || doc.id === '') throw bad('id must be a non-empty string');
  if (typeof doc.title !== 'string') throw bad('title must be a string');
  if (typeof doc.text !== 'string') throw bad('text must be a string');
  if (doc.metadata === undefined) return;
  if (typeof doc.metadata !== 'object' || doc.metadata === null || Array.isArray(doc.metadata)) throw bad('metadata must be an object');
  for (const [key, value] of Object.entries(doc.metadata)) {
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const v of values) {
      if (v === null && !Array.isArray(value)) continue;
      const ok = typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
      if (!ok) throw bad(`metadata.${key} must be a string, number, boolean, null or a list of them`);
    }
  }
}
