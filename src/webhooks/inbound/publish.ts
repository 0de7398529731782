import { HashiError } from '../../kernel/index.ts';
import type { EventPublisher, PublishOptions, PutEventsEntry } from '../types.ts';

/** Publishes all or nothing: any failed entry throws (rolling back the caller's transaction). */
export async function publishOrThrow(publisher: EventPublisher, entries: PutEventsEntry[], options: PublishOptions): Promise<string[]> {
  if (entries.length === 0) return [];
  const result = await publisher.putEvents(entries, options);
  const ids = result.Entries.map((e) => e.EventId);
  if (result.FailedEntryCount > 0 || ids.length !== entries.length || ids.some((id) => id === undefined)) {
    const failures = result.Entries.flatMap((e, i) => (e.EventId === undefined ? [{ index: i, code: e.ErrorCode, message: e.ErrorMessage }] : []));
    throw new HashiError('WEBHOOK_PUBLISH_FAILED', `the event bus refused ${failures.length || 'some'} of ${entries.length} event(s); retry later`, {
      status: 503,
      retryAfterSeconds: 5,
      details: { failures },
    });
  }
  return ids as string[];
}
