import { describe, expect, it } from 'vitest';
import { safePublish } from './publish.ts';

describe('safePublish', () => {
  it('passes events through', () => {
    const seen: string[] = [];

    safePublish((t) => void seen.push(t))('InferenceCompleted', {});

    expect(seen).toEqual(['InferenceCompleted']);
  });

  it('routes synchronous throws and async rejections to onError instead of the caller', async () => {
    const errors: unknown[] = [];
    const sync = safePublish(() => {
      throw new Error('sync');
    }, (e) => void errors.push(e));
    const async = safePublish(async () => {
      throw new Error('async');
    }, (e) => void errors.push(e));

    expect(() => sync('X', {})).not.toThrow();
    expect(() => async('X', {})).not.toThrow();
    await new Promise((r) => setImmediate(r));

    expect(errors.map((e) => (e as Error).message)).toEqual(['sync', 'async']);
  });
});
