import { describe, expect, it } from 'vitest';
import { setTopLevel, topLevelMembers } from './splice.ts';

const tricky = [
  '{"model":"gpt","messages":[{"role":"user","content":"say \\"model\\": \\\\"}],"temperature":1.0}',
  ' \n{ "a" : { "model" : "inner", "x": [1, {"}": "]"}] } ,\t"model":"outer" , "n": -1.5e+3 }\n',
  '{"mo\\u0064el":"escaped key","k\\\\":"\\\\","emoji":"\ud83d\ude00","nul":"\\u0000"}',
  '{}',
  '{ }',
  '\uFEFF{"stream":true}',
  '{"deep":[[[[{"a":[{"b":"c\\"}"}]}]]]],"t":true,"f":false,"z":null}',
  `{"image":"${'QUJD'.repeat(50_000)}","model":"m"}`,
];

describe('top-level splicing of JSON text', () => {
  it('finds every top-level member, and only those, whatever the strings and nesting hold', () => {
    for (const text of tricky) {
      const spans = topLevelMembers(text)!;
      const parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
      expect(spans.members.map((m) => m.key)).toEqual(Object.keys(parsed));
      for (const m of spans.members) expect(JSON.parse(text.slice(m.start, m.end))).toEqual(parsed[m.key]);
    }
  });

  it('sets members as a parse-and-assign would, and leaves every other byte as it was', () => {
    for (const text of tricky) {
      const out = setTopLevel(text, { model: 'claude-x', stream_options: { include_usage: true } })!;
      const parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
      expect(JSON.parse(out.replace(/^\uFEFF/, ''))).toEqual({ ...parsed, model: 'claude-x', stream_options: { include_usage: true } });
    }
    const text = '{"model": "a", "temperature": 1.0, "x": "\\u00e9"}';
    expect(setTopLevel(text, { model: 'b' })).toBe('{"model": "b", "temperature": 1.0, "x": "\\u00e9"}');
    expect(setTopLevel('{ }', { model: 'b' })).toBe('{ "model":"b"}');
    expect(setTopLevel('{"a":1}', { model: 'b' })).toBe('{"a":1,"model":"b"}');
  });

  it('declines what it should not guess: a member written twice, text that is not one object', () => {
    expect(setTopLevel('{"model":"a","model":"b"}', { model: 'c' })).toBeUndefined();
    expect(setTopLevel('[1,2]', { model: 'c' })).toBeUndefined();
    expect(setTopLevel('{"a":1} {"b":2}', { model: 'c' })).toBeUndefined();
    expect(setTopLevel('{"a":"unterminated}', { model: 'c' })).toBeUndefined();
    expect(setTopLevel('"model"', { model: 'c' })).toBeUndefined();
  });
});
