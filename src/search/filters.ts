import { ValidationError } from '../kernel/index.ts';
import type { MetadataScalar, MetadataValue, SearchFilters } from './types.ts';

export type MetadataPredicate = (metadata: Readonly<Record<string, MetadataValue>>) => boolean;

/**
 * Turns request filters into one predicate, or `undefined` when nothing
 * constrains the search. Keys are ANDed; an array is any-of; a document whose
 * value is itself a list matches when any of its values is accepted. Values
 * compare with `===`, so `'42'` and `42` differ — as an OpenSearch keyword
 * `term` filter would.
 */
export function compileFilters(filters: SearchFilters | undefined): MetadataPredicate | undefined {
  if (filters === undefined || filters === null) return undefined;
  if (typeof filters !== 'object' || Array.isArray(filters)) throw invalid('filters must be an object');
  const clauses: [string, ReadonlySet<MetadataScalar>][] = [];
  for (const key of Object.keys(filters).sort()) {
    const raw = filters[key];
    if (raw === undefined) continue;
    const values = Array.isArray(raw) ? (raw as readonly unknown[]) : [raw];
    if (values.length === 0) continue;
    for (const v of values) if (!isScalar(v)) throw invalid(`filter ${key} must be a string, number, boolean or a list of them`);
    clauses.push([key, new Set(values as MetadataScalar[])]);
  }
  if (clauses.length === 0) return undefined;
  return (metadata) => clauses.every(([key, accepted]) => matches(metadata[key], accepted));
}

function matches(value: MetadataValue | undefined, accepted: ReadonlySet<MetadataScalar>): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return (value as readonly MetadataScalar[]).some((v) => accepted.has(v));
  return accepted.has(value as MetadataScalar);
}

function isScalar(v: unknown): v is MetadataScalar {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

function invalid(message: string): ValidationError {
  return new ValidationError('SEARCH_INVALID_FILTER', message);
}
