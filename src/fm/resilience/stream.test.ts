import { describe, expect, it } from 'vitest';
import { drain, fromEvents, prepend, tap } from './stream.ts';
import type { StreamEnd, StreamEvent } from './stream.ts';

const done: StreamEvent = { type: 'done', outcome: { usage: { inputTokens: 1, outputTokens: 2 }, stopReason: 'end_turn', model: 'm' } };
const data = (text: string): StreamEvent => ({ type: 'data', data: text, chars: text.length });

function source(events: StreamEvent[], finallyLog: string[], failAfter?: Error): AsyncIterator<StreamEvent> {
  return (async function* () {
    try {
      yield* events;
      if (failAfter) throw failAfter;
    } finally {
      finallyLog.push('source closed');
    }
  })();
}

describe('tap', () => {
  it('runs onEnd once with the done event, before the consumer receives it', async () => {
    const ends: StreamEnd[] = [];
    const order: string[] = [];
    const stream = tap(source([data('a'), done], []), {
      onEnd: (end) => {
        ends.push(end);
        order.push('onEnd');
      },
    });

    for await (const event of stream) order.push(event.type);

    expect(order).toEqual(['data', 'onEnd', 'done']);
    expect(ends).toEqual([{ kind: 'done', event: done }]);
  });

  it('fails a source that ends without done with FM_STREAM_INTERRUPTED', async () => {
    const ends: StreamEnd[] = [];
    const stream = tap(source([data('a')], []), { onEnd: (end) => void ends.push(end) });

    await expect(drain(stream)).rejects.toMatchObject({ code: 'FM_STREAM_INTERRUPTED' });
    expect(ends.map((e) => e.kind)).toEqual(['error']);
  });

  it('reports a mid-stream error once and rethrows it to the consumer', async () => {
    const boom = new Error('boom');
    const ends: StreamEnd[] = [];
    const stream = tap(source([data('a')], [], boom), { onEnd: (end) => void ends.push(end) });

    await expect(drain(stream)).rejects.toBe(boom);
    expect(ends).toEqual([{ kind: 'error', error: boom }]);
    expect(await stream.next()).toEqual({ done: true, value: undefined });
  });

  it('reaches the source on return() even if the stream was never iterated', async () => {
    const log: string[] = [];
    const ends: StreamEnd[] = [];
    const inner = source([data('a'), done], log);
    await inner.next(); // the source has started, as an opened upstream has
    const outer = tap(tap(inner, { onEnd: () => void log.push('inner end') }), { onEnd: (end) => void ends.push(end) });

    await outer.return();

    expect(log).toEqual(['source closed', 'inner end']);
    expect(ends).toEqual([{ kind: 'cancelled' }]);
  });

  it('prepend replays the first event, then continues the source', async () => {
    const rest = source([done], []);

    const { text, outcome } = await drain(tap(prepend(data('first'), rest)));

    expect(text).toBe('first');
    expect(outcome.usage.outputTokens).toBe(2);
  });

  it('fromEvents streams known events', async () => {
    const { text } = await drain(fromEvents([data('x'), data('y'), done]));

    expect(text).toBe('xy');
  });
});
