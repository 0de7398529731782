import { describe, expect, it } from 'vitest';
import type { Executor } from '../store/index.ts';
import { publishToBus, type EventSink } from './bus-publish.ts';

/** A bus stand-in that records PutEvents calls (and their transaction), refusing entries whose detail says so and throwing on `boom` inside a transaction. */
function recordingSink() {
  const calls: { types: string[]; sources: string[]; tx: Executor | undefined }[] = [];
  const sink: EventSink = {
    async putEvents(entries, options) {
      if (options?.tx && entries.some((e) => e.Detail.boom)) throw new Error('cannot write this batch');
      calls.push({ types: entries.map((e) => e.DetailType), sources: entries.map((e) => e.Source), tx: options?.tx });
      const results = entries.map((e) => (e.Detail.refuse ? { ErrorCode: 'SchemaViolation', ErrorMessage: 'detail does not match' } : {}));
      return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
    },
  };
  return { sink, calls };
}

/** A transaction runner that counts transactions and hands out a distinct token per transaction. */
function counter() {
  const seen: Executor[] = [];
  const transaction = async <T>(work: (tx: Executor) => Promise<T>): Promise<T> => {
    const tx = { id: seen.length } as unknown as Executor;
    seen.push(tx);
    return work(tx);
  };
  return { transaction, seen };
}

describe('publishToBus', () => {
  it('sends the events of one interval together, at most 10 per PutEvents, all in one transaction, as source hashi.fm', async () => {
    const { sink, calls } = recordingSink();
    const { transaction, seen } = counter();
    const publish = publishToBus(sink, { transaction, flushIntervalMs: 20 });

    await Promise.all(Array.from({ length: 23 }, (_, i) => publish('InferenceCompleted', { i })));

    expect(calls.map((c) => c.types.length)).toEqual([10, 10, 3]);
    expect(calls[0]!.sources[0]).toBe('hashi.fm');
    expect(seen).toHaveLength(1);
    expect(calls.every((c) => c.tx === seen[0])).toBe(true);
  });

  it('does not send before the interval ends, and flush() sends at once', async () => {
    const { sink, calls } = recordingSink();
    const publish = publishToBus(sink, { flushIntervalMs: 60_000 });

    const published = publish('InferenceCompleted', {});
    await new Promise((r) => setTimeout(r, 20));
    const before = calls.length;
    await publish.flush();

    expect(before).toBe(0);
    expect(calls).toHaveLength(1);
    await expect(published).resolves.toBeUndefined();
  });

  it('starts a flush at once when maxBatch events wait', async () => {
    const { sink, calls } = recordingSink();
    const publish = publishToBus(sink, { flushIntervalMs: 60_000, maxBatch: 5 });

    await Promise.all(Array.from({ length: 5 }, () => publish('InferenceCompleted', {})));

    expect(calls.map((c) => c.types.length)).toEqual([5]);
  });

  it('rejects only the publish whose entry the bus refused', async () => {
    const { sink } = recordingSink();
    const publish = publishToBus(sink, { flushIntervalMs: 5 });

    const [ok, refused] = await Promise.allSettled([publish('InferenceCompleted', {}), publish('InferenceCompleted', { refuse: true })]);

    expect(ok.status).toBe('fulfilled');
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'FM_PUBLISH_FAILED' } });
  });

  it('retries each PutEvents alone when the shared transaction fails, so the other batches still land', async () => {
    const { sink, calls } = recordingSink();
    const { transaction } = counter();
    const publish = publishToBus(sink, { transaction, flushIntervalMs: 5 });

    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => publish('InferenceCompleted', { i, ...(i === 11 ? { boom: true } : {}) })));

    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    // The first batch's write inside the failed transaction was rolled back with it; both were written again alone.
    expect(calls.filter((c) => c.tx === undefined).map((c) => c.types.length)).toEqual([10, 2]);
  });
});
