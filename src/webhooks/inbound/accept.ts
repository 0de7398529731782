import { ConflictError, newId } from '../../kernel/index.ts';
import type { Executor } from '../../store/index.ts';
import { maskHeaders } from '../schemes/index.ts';
import type { IncomingHeaders, VerifiedDelivery } from '../schemes/index.ts';
import type { EventPublisher, ItemOutcome, PutEventsEntry } from '../types.ts';
import { insertDelivery } from './deliveries.ts';
import type { KeySource } from './idempotency-key.ts';
import type { IdempotencyStore, KeyResult } from './keys/store.ts';
import { isItemized, type Mapped } from './map-events.ts';
import { publishItems, publishOrThrow } from './publish.ts';
import type { ResolvedSource } from './sources.ts';

/** One verified delivery on its way in. */
export interface Accepting {
  source: ResolvedSource;
  ip: string;
  headers: IncomingHeaders;
  rawBody: Buffer;
  verified: VerifiedDelivery;
  key: string;
  keyFrom: KeySource;
  now: number;
}

/**
 * The durable part of accepting, on the caller's transaction: publish the
 * events (the bus writes them and their delivery jobs on `tx`), keep the raw
 * delivery with masked headers, and complete the claimed key with the answer
 * duplicates will get. A lost claim throws, rolling everything back.
 * Itemized deliveries keep only what was published (what a replay re-publishes)
 * and give their mapper's `onAccepted` the outcomes on the same transaction.
 */
export async function writeAccepted(
  tx: Executor,
  deps: { publisher: EventPublisher; keys: IdempotencyStore },
  a: Accepting,
  token: string,
  mapped: Mapped,
  enriched: boolean,
): Promise<KeyResult> {
  const deliveryId = newId('whd', a.now);
  let entries: PutEventsEntry[];
  let eventIds: string[];
  let items: ItemOutcome[] | undefined;
  if (isItemized(mapped)) {
    const published = await publishItems(deps.publisher, mapped.items, { tx });
    ({ eventIds, outcomes: items } = published);
    entries = published.published;
    if (mapped.onAccepted) await mapped.onAccepted(tx, items);
  } else {
    entries = mapped;
    eventIds = await publishOrThrow(deps.publisher, entries, { tx });
  }
  const v = a.verified;
  await insertDelivery(tx, {
    id: deliveryId,
    source: a.source.name,
    idempotencyKey: a.key,
    receivedAt: a.now,
    ip: a.ip,
    headers: maskHeaders(a.headers, a.source.def),
    rawBody: a.rawBody,
    verdict: {
      valid: true,
      scheme: a.source.def.scheme,
      ...(v.timestamp !== undefined ? { timestamp: v.timestamp } : {}),
      ...(v.id !== undefined ? { id: v.id } : {}),
      keyFrom: a.keyFrom,
      enriched,
    },
    events: entries,
    eventIds,
  });
  const result: KeyResult = { deliveryId, eventIds, ...(items ? { items } : {}) };
  if (!(await deps.keys.complete(tx, a.source.name, a.key, token, result))) {
    throw new ConflictError('WEBHOOK_IN_PROGRESS', `the claim on this delivery's idempotency key lapsed before it was accepted (source ${a.source.name}); retry`);
  }
  return result;
}
