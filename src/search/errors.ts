import { defineCodes } from '../kernel/index.ts';

export const SEARCH_CODES = defineCodes({
  SEARCH_INVALID_QUERY: { status: 400, description: 'The search query is missing, empty, or longer than 2 000 characters.' },
  SEARCH_INVALID_FILTER: { status: 400, description: 'A filter value is not a string, number, boolean or a list of them.' },
  SEARCH_INVALID_MAX_RESULTS: { status: 400, description: 'maxResults must be an integer from 1 to 50.' },
  SEARCH_INVALID_MODE: { status: 400, description: 'mode must be hybrid, bm25 or vector.' },
  SEARCH_INVALID_DOCUMENT: { status: 400, description: 'A document to index lacks a string id, title or text, or has malformed metadata.' },
  SEARCH_VECTOR_UNAVAILABLE: { status: 400, description: 'Vector search was requested but no embedder is configured.' },
  SEARCH_EMBEDDING_FAILED: { status: 503, description: 'The embedding provider failed; the caller may retry.' },
  SEARCH_EMBEDDING_SHAPE: { status: 502, description: 'The embedding provider returned the wrong number of vectors or dimensions.' },
});

export type SearchCode = keyof typeof SEARCH_CODES;
