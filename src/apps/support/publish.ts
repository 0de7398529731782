import { HashiError } from '../../kernel/index.ts';
import type { PutEventsEntry } from '../../events/index.ts';
import type { Executor } from '../../store/index.ts';
import type { SupportBus } from './types.ts';

/** Publishes one event in the caller's transaction; returns its id. A refusal rolls the transaction back. */
export async function publishOne(bus: SupportBus, tx: Executor, entry: PutEventsEntry): Promise<string> {
  const result = await bus.putEvents([entry], { tx });
  const first = result.Entries[0];
  if (!first?.EventId) {
    // Our own entries are well formed; a refusal means the bus is misconfigured (e.g. an enforced schema).
    throw new HashiError('SUPPORT_EVENT_REFUSED', `the event bus refused ${entry.DetailType}: ${first?.ErrorCode ?? ''} ${first?.ErrorMessage ?? ''}`.trim(), { status: 500 });
  }
  return first.EventId;
}
