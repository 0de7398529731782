import { describe, expect, it } from 'vitest';
import { isPath, parsePath, readPath } from './json-path.ts';

describe('json paths of declarative mappings', () => {
  const doc = { type: 'x', data: { object: { items: [{ id: 'a' }, { id: 'b' }] } }, 'odd key': 1, nil: null };

  it('reads $, dotted fields, indexes and quoted keys', () => {
    expect(readPath(doc, '$')).toBe(doc);
    expect(readPath(doc, '$.data.object.items[1].id')).toBe('b');
    expect(readPath(doc, "$['odd key']")).toBe(1);
    expect(readPath(doc, '$.nil')).toBeNull();
  });

  it('gives undefined for missing steps, wrong container types and inherited properties', () => {
    expect(readPath(doc, '$.data.nope.id')).toBeUndefined();
    expect(readPath(doc, '$.type[0]')).toBeUndefined();
    expect(readPath(doc, '$.data.object.items.length')).toBeUndefined();
    expect(readPath(doc, '$.constructor')).toBeUndefined();
  });

  it('refuses what is not a path of this subset', () => {
    expect(parsePath('data.object')).toBeUndefined();
    expect(isPath('$..id')).toBe(false);
    expect(isPath('$.items[*]')).toBe(false);
    expect(parsePath("$.a['b.c'][2]")).toEqual(['a', 'b.c', 2]);
  });
});
