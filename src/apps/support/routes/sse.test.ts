import { describe, expect, it } from 'vitest';
import { replayChunks, sseEvent } from './sse.ts';

describe('sse', () => {
  it('writes one event with one JSON data line, even for text with newlines', () => {
    expect(sseEvent('chunk', { text: 'a\nb' })).toBe('event: chunk\ndata: {"text":"a\\nb"}\n\n');
  });

  it('chunks at spaces without losing a character', () => {
    const text = 'Unplug the vehicle and wait one minute. Check that the cable is dry and undamaged before you plug it in again.';
    const chunks = replayChunks(text, 20);
    expect(chunks.join('')).toBe(text);
    expect(chunks.every((c) => c.length <= 20)).toBe(true);
    expect(replayChunks('x'.repeat(45), 20)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
    expect(replayChunks('')).toEqual([]);
  });
});
