import { describe, expect, it } from 'vitest';
import { citedIds, needsRetrieval, retrievalQuery } from './answer.ts';

describe('chat answers', () => {
  it('list cited known product ids once, in order of mention', () => {
    const known = new Set(['a-v01-ja', 'b-v02-en']);
    expect(citedIds('Try [b-v02-en] or [a-v01-ja]; [b-v02-en] is cheaper. [shipping] too.', known)).toEqual(['b-v02-en', 'a-v01-ja']);
    expect(citedIds('No citations here.', known)).toEqual([]);
  });

  it('skip retrieval only for greetings and thanks', () => {
    expect(needsRetrieval('hello!')).toBe(false);
    expect(needsRetrieval('ありがとうございます。')).toBe(false);
    expect(needsRetrieval('hello, do you have Origami War volume 3?')).toBe(true);
    expect(needsRetrieval('送料はいくらですか')).toBe(true);
  });

  it('search follow-ups together with the previous user message, within the query limit', () => {
    const history = [
      { role: 'user', content: 'Do you have Origami War?' },
      { role: 'assistant', content: 'Yes [origami-war-v01-ja].' },
    ];
    expect(retrievalQuery('And volume 2?', history)).toBe('And volume 2?\nDo you have Origami War?');
    expect(retrievalQuery('Origami War?', [])).toBe('Origami War?');
    expect(retrievalQuery('x'.repeat(2500), history)).toHaveLength(2000);
  });
});
