import { HashiError } from '../../kernel/index.ts';
import { PUT_EVENTS_MAX_ENTRIES, type EventPublisher, type ItemOutcome, type MappedItem, type PublishOptions, type PutEventsEntry } from '../types.ts';

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += PUT_EVENTS_MAX_ENTRIES) out.push(list.slice(i, i + PUT_EVENTS_MAX_ENTRIES));
  return out;
}

/**
 * Publishes all or nothing, in PutEvents calls of at most 10: any failed
 * entry throws (rolling back the caller's transaction, and with it the calls
 * already made on it).
 */
export async function publishOrThrow(publisher: EventPublisher, entries: PutEventsEntry[], options: PublishOptions): Promise<string[]> {
  const ids: string[] = [];
  const failures: Array<{ index: number; code: string | undefined; message: string | undefined }> = [];
  for (const [c, chunk] of chunks(entries).entries()) {
    const result = await publisher.putEvents(chunk, options);
    chunk.forEach((_, j) => {
      const e = result.Entries[j];
      if (e?.EventId !== undefined) ids.push(e.EventId);
      else failures.push({ index: c * PUT_EVENTS_MAX_ENTRIES + j, code: e?.ErrorCode, message: e?.ErrorMessage });
    });
  }
  if (failures.length > 0) {
    throw new HashiError('WEBHOOK_PUBLISH_FAILED', `the event bus refused ${failures.length} of ${entries.length} event(s); retry later`, {
      status: 503,
      retryAfterSeconds: 5,
      details: { failures },
    });
  }
  return ids;
}

/**
 * Publishes a batch item by item, in PutEvents calls of at most 10: an entry
 * the bus refuses becomes a `failed` outcome (the bus's per-entry refusals are
 * about the entry itself, so a retry would not help) while the others stand.
 * A call that throws (the store is down) still rolls everything back.
 */
export async function publishItems(publisher: EventPublisher, items: MappedItem[], options: PublishOptions): Promise<{ outcomes: ItemOutcome[]; published: PutEventsEntry[]; eventIds: string[] }> {
  const outcomes: ItemOutcome[] = [];
  const toPublish: Array<{ index: number; ref: string; entry: PutEventsEntry }> = [];
  items.forEach((item, index) => {
    if ('rejected' in item) outcomes[index] = { index, ref: item.ref, status: 'rejected', reason: item.rejected };
    else toPublish.push({ index, ref: item.ref, entry: item.entry });
  });
  const published: PutEventsEntry[] = [];
  const eventIds: string[] = [];
  for (const chunk of chunks(toPublish)) {
    const result = await publisher.putEvents(
      chunk.map((p) => p.entry),
      options,
    );
    chunk.forEach((p, j) => {
      const e = result.Entries[j];
      if (e?.EventId !== undefined) {
        outcomes[p.index] = { index: p.index, ref: p.ref, status: 'published', eventId: e.EventId };
        published.push(p.entry);
        eventIds.push(e.EventId);
      } else {
        outcomes[p.index] = { index: p.index, ref: p.ref, status: 'failed', errorCode: e?.ErrorCode ?? 'UNKNOWN', errorMessage: e?.ErrorMessage ?? 'the bus gave no answer for this entry' };
      }
    });
  }
  return { outcomes, published, eventIds };
}
