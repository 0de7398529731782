import { describe, expect, it } from 'vitest';
import { Analyzer } from './analysis/analyzer.ts';
import { buildSnippet, escapeHtml, snippetText } from './snippet.ts';

const analyzer = new Analyzer();
const snippet = (text: string, query: string, maxChars = 200): string =>
  buildSnippet(text, analyzer.tokens(text), new Set(analyzer.terms(query)), maxChars);

describe('buildSnippet', () => {
  it('marks every token whose analysed term is in the query, whatever its inflection', () => {
    expect(snippet('The printer runs. Printers jam when running hot.', 'printer run')).toBe(
      'The <mark>printer</mark> <mark>runs</mark>. <mark>Printers</mark> jam when <mark>running</mark> hot.',
    );
  });

  it('escapes HTML in the text, inside and outside marks', () => {
    expect(snippet('Use <script>alert("x")</script> & the "reset" key', 'script reset')).toBe(
      'Use &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; the &quot;<mark>reset</mark>&quot; key',
    );
    expect(escapeHtml(`<a href='x'>&`)).toBe('&lt;a href=&#39;x&#39;&gt;&amp;');
  });

  it('centres a window of about maxChars on the sentence with the most distinct matches', () => {
    const filler = 'Nothing relevant is said here at all. '.repeat(8);
    const text = `${filler}Error E42 means the paper tray sensor failed. ${filler}`;
    const out = snippet(text, 'paper tray sensor', 120);
    expect(out.startsWith('\u2026Error E42 means the <mark>paper</mark> <mark>tray</mark> <mark>sensor</mark> failed.')).toBe(true);
    expect(out.endsWith('\u2026')).toBe(true);
    const visible = out.replace(/<\/?mark>/g, '').replace(/\u2026/g, '');
    expect(visible.length).toBeLessThanOrEqual(120);
    expect(visible.length).toBeGreaterThan(90);
  });

  it('prefers more distinct terms over more repetitions of one', () => {
    const text = 'Toner toner toner toner everywhere. ' + 'x '.repeat(100) + 'Replace the toner cartridge now.';
    expect(snippet(text, 'toner cartridge', 60)).toContain('<mark>toner</mark> <mark>cartridge</mark>');
  });

  it('starts at the opening of the text when nothing matches, without marks', () => {
    const text = 'First sentence here. '.repeat(20);
    const out = snippet(text, 'absent', 50);
    expect(out.startsWith('First sentence here.')).toBe(true);
    expect(out).not.toContain('<mark>');
    expect(out.endsWith('\u2026')).toBe(true);
  });

  it('merges overlapping CJK bigram matches into one mark', () => {
    expect(snippet('新刊のワンピース最新巻', 'ワンピース')).toBe('新刊の<mark>ワンピース</mark>最新巻');
  });

  it('returns short texts whole', () => {
    expect(snippet('Short & sweet', 'sweet')).toBe('Short &amp; <mark>sweet</mark>');
  });
});

describe('snippetText', () => {
  it('gives back the text with marks as *…* and no entities, for a terminal', () => {
    const text = `Use <script>alert("x")</script> & the 'reset' key; &amp; stays literal`;
    expect(snippetText(snippet(text, 'script reset'))).toBe(`Use <*script*>alert("x")</*script*> & the '*reset*' key; &amp; stays literal`);
    expect(snippetText('<mark>a &lt; b</mark> &amp;', (t) => `[${t}]`)).toBe('[a < b] &');
  });
});
