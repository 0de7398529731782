import { describe, expect, it } from 'vitest';
import { escapeSlackText, fitSlackText, SLACK_LIMITS, toSlackMessage } from './slack.ts';
import type { SlackBlock, SlackTextObject } from './slack.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BROKEN_ENTITY = /&(?!amp;|lt;|gt;)/;

function texts(blocks: SlackBlock[]): string[] {
  return blocks.flatMap((b): SlackTextObject[] => ('text' in b ? [b.text] : 'fields' in b ? b.fields : b.elements)).map((t) => t.text);
}

describe('toSlackMessage', () => {
  it('builds header, section, fields and a context link as Block Kit describes', () => {
    const message = toSlackMessage({
      title: 'Order ord_42 confirmed',
      text: 'Customer bought the *complete* ONE PIECE box set.',
      fields: [
        { label: 'Total', value: '¥52,800' },
        { label: 'Items', value: '107' },
      ],
      url: 'https://shop.example/orders/ord_42',
    });

    expect(message).toEqual({
      text: 'Order ord_42 confirmed\nCustomer bought the *complete* ONE PIECE box set.',
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: 'Order ord_42 confirmed', emoji: true } },
        { type: 'section', text: { type: 'mrkdwn', text: 'Customer bought the *complete* ONE PIECE box set.' } },
        {
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: '*Total*\n¥52,800' },
            { type: 'mrkdwn', text: '*Items*\n107' },
          ],
        },
        { type: 'context', elements: [{ type: 'mrkdwn', text: '<https://shop.example/orders/ord_42|View details>' }] },
      ],
    });
  });

  it('escapes &, < and > everywhere, so model output cannot mention @channel or forge links', () => {
    const message = toSlackMessage({
      title: 'Tom & Jerry <b>',
      text: 'Hey <!channel>, see <http://evil.example|your bank> & reply',
      fields: [{ label: 'a<b', value: 'x > y' }],
    });

    expect(message.text).toBe('Tom &amp; Jerry &lt;b&gt;\nHey &lt;!channel&gt;, see &lt;http://evil.example|your bank&gt; &amp; reply');
    for (const t of texts(message.blocks)) expect(t).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    expect(texts(message.blocks)).toContain('*a&lt;b*\nx &gt; y');
  });

  it('escapes the link and drops non-http(s) URLs', () => {
    const withQuery = toSlackMessage({ title: 't', text: 'x', url: 'https://shop.example/o?a=1&b=2|3' });
    const scripted = toSlackMessage({ title: 't', text: 'x', url: 'javascript:alert(1)' });
    const broken = toSlackMessage({ title: 't', text: 'x', url: 'not a url' });

    expect(texts(withQuery.blocks)).toContain('<https://shop.example/o?a=1&amp;b=2%7C3|View details>');
    expect(scripted.blocks.some((b) => b.type === 'context')).toBe(false);
    expect(broken.blocks.some((b) => b.type === 'context')).toBe(false);
  });

  it('cuts the header to 150 characters without splitting an escape', () => {
    const message = toSlackMessage({ title: 'a'.repeat(147) + '&&&', text: 'x' });
    const header = message.blocks[0]!;

    expect(header.type).toBe('header');
    const text = 'text' in header ? header.text.text : '';
    expect(text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
    expect(text).toBe('a'.repeat(147) + '…');
  });

  it('splits long text into sections of at most 3000 characters at word breaks, keeping the order', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i}`);

    const message = toSlackMessage({ title: 't', text: words.join(' ') });
    const sections = message.blocks.filter((b) => b.type === 'section').map((b) => ('text' in b ? b.text.text : ''));

    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(sections.join(' ').split(' ')).toEqual(words);
  });

  it('caps the body at four sections and marks the cut', () => {
    const message = toSlackMessage({ title: 't', text: 'x'.repeat(20_000) });
    const sections = message.blocks.filter((b) => b.type === 'section').map((b) => ('text' in b ? b.text.text : ''));

    expect(sections).toHaveLength(SLACK_LIMITS.textSections);
    expect(sections.at(-1)!.endsWith('…')).toBe(true);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });

  it('never splits a surrogate pair or an escape when cutting', () => {
    const message = toSlackMessage({ title: '😀'.repeat(100), text: 'a' + '😀&'.repeat(4000) });

    for (const t of [message.text, ...texts(message.blocks)]) {
      expect(t).not.toMatch(LONE_SURROGATE);
      expect(t).not.toMatch(BROKEN_ENTITY);
    }
  });

  it('shows at most ten fields, each within 2000 characters, and says how many were left out', () => {
    const fields = Array.from({ length: 12 }, (_, i) => ({ label: `f${i}`, value: 'v'.repeat(3000) }));

    const message = toSlackMessage({ title: 't', text: 'x', fields });
    const fieldBlock = message.blocks.find((b) => 'fields' in b);
    const shown = fieldBlock !== undefined && 'fields' in fieldBlock ? fieldBlock.fields : [];

    expect(shown).toHaveLength(10);
    for (const f of shown) expect(f.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
    expect(texts(message.blocks)).toContain('2 more fields not shown');
  });

  it('leaves out empty blocks, which Slack refuses', () => {
    const message = toSlackMessage({ title: '  ', text: 'only text' });

    expect(message.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'only text' } }]);
    expect(message.text).toBe('only text');
  });
});

describe('escapeSlackText / fitSlackText', () => {
  it('encodes only the three control characters', () => {
    expect(escapeSlackText(`It's "5 > 3" & <ok> — 日本`)).toBe(`It's "5 &gt; 3" &amp; &lt;ok&gt; — 日本`);
  });

  it('leaves short text alone and cuts long text to the limit', () => {
    expect(fitSlackText('short', 10)).toBe('short');
    expect(fitSlackText('abcdefghijk', 10)).toBe('abcdefghi…');
  });
});
