import { PermanentError, RetryableError } from '../../../kernel/index.ts';
import type { Executor } from '../../../store/index.ts';
import type { BusEntry, BusEvent, MangaBus } from '../types.ts';

/**
 * Publishes inside the caller's transaction (continuing `causedBy`'s chain) and throws if the bus refused
 * any entry, rolling the handler's writes back. A loop-guard refusal will
 * refuse again on every retry, so it is permanent.
 */
export async function publishAll(bus: MangaBus, entries: BusEntry[], tx: Executor, causedBy?: BusEvent): Promise<string[]> {
  if (entries.length === 0) return [];
  const result = await bus.putEvents(entries, causedBy ? { tx, causedBy } : { tx });
  const failures = result.Entries.filter((e) => e.EventId === undefined);
  if (result.FailedEntryCount === 0 && failures.length === 0) return result.Entries.map((e) => e.EventId!);
  const first = failures[0];
  const message = `the bus refused ${failures.length} of ${entries.length} event(s): ${first?.ErrorCode ?? 'unknown'} ${first?.ErrorMessage ?? ''}`.trim();
  if (failures.some((f) => f.ErrorCode === 'EVENT_LOOP_REFUSED')) throw new PermanentError(message, { code: 'EVENT_LOOP_REFUSED' });
  throw new RetryableError(message);
}
