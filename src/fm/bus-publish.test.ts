import { describe, expect, it } from 'vitest';
import { publishToBus, type EventSink } from './bus-publish.ts';

/** A bus stand-in that records PutEvents calls and refuses entries whose detail says so. */
function recordingSink() {
  const calls: { DetailType: string; Source: string }[][] = [];
  const sink: EventSink = {
    async putEvents(entries) {
      calls.push(entries.map((e) => ({ DetailType: e.DetailType, Source: e.Source })));
      const results = entries.map((e) => (e.Detail.refuse ? { ErrorCode: 'SchemaViolation', ErrorMessage: 'detail does not match' } : {}));
      return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
    },
  };
  return { sink, calls };
}

describe('publishToBus', () => {
  it('sends events of one event-loop turn together, at most 10 per PutEvents, as source hashi.fm', async () => {
    const { sink, calls } = recordingSink();
    const publish = publishToBus(sink);

    await Promise.all(Array.from({ length: 23 }, (_, i) => publish('InferenceCompleted', { i })));

    expect(calls.map((c) => c.length)).toEqual([10, 10, 3]);
    expect(calls[0]![0]).toEqual({ Source: 'hashi.fm', DetailType: 'InferenceCompleted' });
  });

  it('rejects only the publish whose entry the bus refused', async () => {
    const { sink } = recordingSink();
    const publish = publishToBus(sink);

    const [ok, refused] = await Promise.allSettled([publish('InferenceCompleted', {}), publish('InferenceCompleted', { refuse: true })]);

    expect(ok.status).toBe('fulfilled');
    expect(refused).toMatchObject({ status: 'rejected', reason: { code: 'FM_PUBLISH_FAILED' } });
  });
});
