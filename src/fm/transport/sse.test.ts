import { describe, expect, it } from 'vitest';
import { SseParser, sseEvent } from './sse.ts';

describe('SseParser', () => {
  it('splits events across arbitrary chunk boundaries and keeps each event text', () => {
    const text = 'event: message_start\ndata: {"a":1}\n\n: ping comment\n\ndata: {"b":2}\ndata: more\n\ndata: [DONE]\n\n';
    for (let size = 1; size <= text.length; size++) {
      const parser = new SseParser();
      const frames = [];
      for (let i = 0; i < text.length; i += size) frames.push(...parser.push(text.slice(i, i + size)));
      expect(frames.map((f) => [f.event, f.data])).toEqual([
        ['message_start', '{"a":1}'],
        [undefined, '{"b":2}\nmore'],
        [undefined, '[DONE]'],
      ]);
      expect(frames.map((f) => f.raw).join('')).toBe(text.replace(': ping comment\n\n', ''));
      expect(parser.pending).toBe('');
    }
  });

  it('accepts CRLF and CR line endings, one chunk at a time', () => {
    const text = 'event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\n';
    const parser = new SseParser();
    const frames = [...text].flatMap((c) => parser.push(c));
    expect(frames.map((f) => [f.event, f.data])).toEqual([
      ['a', '1'],
      ['b', '2'],
      [undefined, '3'],
    ]);
  });

  it('keeps an unfinished event pending and dispatches nothing for data-less events', () => {
    const parser = new SseParser();
    expect(parser.push('event: only\n\ndata: half')).toEqual([]);
    expect(parser.pending).toBe('data: half');
    expect(parser.push('\n\n')).toEqual([{ data: 'half', raw: 'data: half\n\n' }]);
  });

  it('writes events that it reads back', () => {
    const parser = new SseParser();
    expect(parser.push(sseEvent('{"x":1}', 'ev') + sseEvent('[DONE]'))).toEqual([
      { event: 'ev', data: '{"x":1}', raw: 'event: ev\ndata: {"x":1}\n\n' },
      { data: '[DONE]', raw: 'data: [DONE]\n\n' },
    ]);
  });
});
