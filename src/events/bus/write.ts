import type { JobInput, Queue } from '../../queue/index.ts';
import type { Executor } from '../../store/index.ts';
import { insertArchiveEntries } from '../archive/repository.ts';
import { t } from '../sql/tables.ts';
import type { EventEnvelope } from '../types.ts';
import { depthOf } from './chain.ts';

/** Everything one publication writes: in one transaction, or in none of it. */
export interface EventWrites {
  events: Array<{ bus: string; event: EventEnvelope; eventTime: number }>;
  archives: Array<{ archive: string; event: EventEnvelope; eventTime: number }>;
  jobs: JobInput[];
}

/**
 * Stores events in the log, copies them into their archives and enqueues
 * their deliveries, all on `tx` (the transactional outbox).
 */
export async function writeEvents(tx: Executor, queue: Queue, writes: EventWrites, now: number): Promise<void> {
  if (writes.events.length > 0) {
    await t(tx)
      .insertInto('event_log')
      .values(
        writes.events.map(({ bus, event, eventTime }) => ({
          id: event.id,
          bus,
          source: event.source,
          detail_type: event['detail-type'],
          event_time: eventTime,
          ingested_at: now,
          chain_depth: depthOf(event),
          envelope: JSON.stringify(event),
        })),
      )
      .execute();
  }
  await insertArchiveEntries(tx, writes.archives.map((a) => ({ ...a, now })));
  if (writes.jobs.length > 0) await queue.enqueueMany(writes.jobs, tx);
}
