import { describe, expect, it } from 'vitest';
import { checkUniqueIds, parseJsonl, parseTextDoc } from './parse.ts';

describe('parseTextDoc', () => {
  it('reads id, title and metadata from front matter', () => {
    const doc = parseTextDoc('chargers/e101.md', '---\nid: ev-e101\ntitle: Ground fault\nproduct_type: EV_CHARGER\nerror_code: [E101, E111]\nversion: 3\n---\nBody text.\n');
    expect(doc).toEqual({ id: 'ev-e101', title: 'Ground fault', text: 'Body text.', metadata: { product_type: 'EV_CHARGER', error_code: ['E101', 'E111'], version: 3 } });
  });

  it('without front matter: the id is the path and the title the first heading (taken out of the body)', () => {
    const doc = parseTextDoc('Chargers/E101 Ground Fault.md', '# E101 ground fault\n\nUnplug the vehicle.\n');
    expect(doc).toEqual({ id: 'chargers/e101-ground-fault', title: 'E101 ground fault', text: 'Unplug the vehicle.', metadata: {} });
    expect(parseTextDoc('notes.txt', 'Just text.').title).toBe('notes');
  });

  it('refuses bad YAML, nested metadata and empty bodies, naming the file', () => {
    expect(() => parseTextDoc('a.md', '---\nid: [unclosed\n---\ntext')).toThrow(/a\.md: front matter is not valid YAML/);
    expect(() => parseTextDoc('b.md', '---\nspec: { a: 1 }\n---\ntext')).toThrow(/b\.md: .*metadata\.spec/);
    expect(() => parseTextDoc('c.md', '# Title only\n')).toThrow(/c\.md: .*text must not be empty/);
  });
});

describe('parseJsonl', () => {
  it('parses one document per line, skipping blank lines', () => {
    const docs = parseJsonl('kb.jsonl', '{"id":"a","title":"A","text":"alpha"}\n\n{"id":"b","title":"B","text":"beta","metadata":{"doc_type":"faq"}}\n');
    expect(docs.map((d) => [d.id, d.metadata])).toEqual([
      ['a', {}],
      ['b', { doc_type: 'faq' }],
    ]);
  });

  it('names the line of a broken or incomplete document', () => {
    expect(() => parseJsonl('kb.jsonl', '{"id":"a","title":"A","text":"x"}\n{"id":"b",')).toThrow(/kb\.jsonl:2: not valid JSON/);
    expect(() => parseJsonl('kb.jsonl', '{"id":"a","text":"x"}')).toThrow(/kb\.jsonl:1: document a: title/);
    expect(() => parseJsonl('kb.jsonl', '{"id":"bad id!","title":"A","text":"x"}')).toThrow(/kb\.jsonl:1: id must be/);
  });

  it('refuses one id twice in a batch', () => {
    const [a] = parseJsonl('x', '{"id":"a","title":"A","text":"x"}');
    expect(() => checkUniqueIds([{ doc: a!, where: 'one.md' }, { doc: a!, where: 'two.md' }])).toThrow('id a appears twice: in one.md and in two.md');
  });
});
