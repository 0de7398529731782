import { describe, expect, it } from 'vitest';
import { compileFilters } from './filters.ts';

describe('compileFilters', () => {
  const article = { product_model: 'HX-200', error_code: 'E42', doc_type: 'troubleshooting', tags: ['printer', 'jam'], year: 2024 };

  it('returns no predicate when nothing constrains the search', () => {
    expect(compileFilters(undefined)).toBeUndefined();
    expect(compileFilters({})).toBeUndefined();
    expect(compileFilters({ doc_type: [], error_code: undefined })).toBeUndefined();
  });

  it('ANDs keys, with equality for scalars and any-of for arrays', () => {
    expect(compileFilters({ product_model: 'HX-200', error_code: 'E42' })!(article)).toBe(true);
    expect(compileFilters({ product_model: 'HX-200', error_code: 'E43' })!(article)).toBe(false);
    expect(compileFilters({ doc_type: ['faq', 'troubleshooting'] })!(article)).toBe(true);
    expect(compileFilters({ doc_type: ['faq', 'manual'] })!(article)).toBe(false);
  });

  it('matches list-valued metadata by membership', () => {
    expect(compileFilters({ tags: 'jam' })!(article)).toBe(true);
    expect(compileFilters({ tags: ['toner', 'printer'] })!(article)).toBe(true);
    expect(compileFilters({ tags: 'toner' })!(article)).toBe(false);
  });

  it('compares strictly and treats a missing key as no match', () => {
    expect(compileFilters({ year: 2024 })!(article)).toBe(true);
    expect(compileFilters({ year: '2024' })!(article)).toBe(false);
    expect(compileFilters({ language: 'ja' })!(article)).toBe(false);
  });

  it('rejects objects and non-finite numbers as filter values', () => {
    expect(() => compileFilters({ product_model: { $ne: 'x' } as never })).toThrow(expect.objectContaining({ code: 'SEARCH_INVALID_FILTER' }));
    expect(() => compileFilters({ year: Number.NaN })).toThrow(expect.objectContaining({ code: 'SEARCH_INVALID_FILTER' }));
    expect(() => compileFilters(['x'] as never)).toThrow(expect.objectContaining({ code: 'SEARCH_INVALID_FILTER' }));
  });
});
