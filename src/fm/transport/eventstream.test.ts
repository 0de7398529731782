import { describe, expect, it } from 'vitest';
import { EventStreamWriter } from '../../../test/support/fake-upstream/eventstream.ts';
import { EventStreamParser } from './eventstream.ts';

describe('EventStreamParser', () => {
  it('decodes events and exceptions split at every byte boundary', () => {
    const writer = new EventStreamWriter();
    const bytes = Buffer.concat([
      writer.event('messageStart', { role: 'assistant' }),
      writer.event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'hé' } }),
      writer.exception('throttlingException', 'slow down'),
    ]);
    for (const size of [1, 7, 64, bytes.length]) {
      const parser = new EventStreamParser();
      const frames = [];
      for (let i = 0; i < bytes.length; i += size) frames.push(...parser.push(bytes.subarray(i, i + size)));
      expect(frames).toEqual([
        { messageType: 'event', event: 'messageStart', data: '{"role":"assistant"}' },
        { messageType: 'event', event: 'contentBlockDelta', data: '{"contentBlockIndex":0,"delta":{"text":"hé"}}' },
        { messageType: 'exception', event: 'throttlingException', data: '{"message":"slow down"}' },
      ]);
      expect(parser.pendingBytes).toBe(0);
    }
  });

  it('hands on the messages before one whose checksum fails, then reports the failure', () => {
    const writer = new EventStreamWriter();
    const parser = new EventStreamParser();
    const frames = parser.push(Buffer.concat([writer.event('messageStart', { role: 'assistant' }), writer.corrupt('contentBlockDelta'), writer.event('messageStop', {})]));
    expect(frames.map((f) => f.event)).toEqual(['messageStart']);
    expect(parser.failure).toMatchObject({ code: 'FM_PROVIDER_BAD_RESPONSE' });
    expect(parser.push(writer.event('messageStop', {}))).toEqual([]);
  });
});
