import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor.ts';

describe('cursor', () => {
  it('round-trips (created_at, id)', () => {
    const c = { createdAt: 1767225600000, id: 'tkt_01kd0000000000000000000000' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
  });

  it('refuses anything it did not produce', () => {
    for (const bad of ['', 'bm90LWEtY3Vyc29y', Buffer.from('12:tkt_short').toString('base64url'), Buffer.from("1:tkt_01kd0000000000000000000000' OR 1=1").toString('base64url')]) {
      expect(() => decodeCursor(bad), bad).toThrow(expect.objectContaining({ code: 'CURSOR_INVALID' }));
    }
  });
});
