import { redactHeaders } from '../../kernel/index.ts';
import type { Executor } from '../../store/index.ts';
import { w, type WebhookDeliveriesTable } from '../tables.ts';
import type { PutEventsEntry } from '../types.ts';

/** What is kept of every accepted inbound delivery (headers already masked). */
export interface StoredDelivery {
  id: string;
  source: string;
  idempotencyKey: string;
  receivedAt: number;
  ip: string;
  headers: Record<string, string | string[]>;
  /** The raw body: UTF-8 text, or base64 when the bytes are not valid UTF-8 (see bodyEncoding). */
  body: string;
  bodyEncoding: 'utf8' | 'base64';
  verdict: Record<string, unknown>;
  /** The entries published for it, exactly as they went to the bus (what a replay re-publishes). */
  events: PutEventsEntry[];
  eventIds: string[];
  replayCount: number;
  lastReplayedAt: number | null;
}

export type NewDelivery = Omit<StoredDelivery, 'body' | 'bodyEncoding' | 'replayCount' | 'lastReplayedAt'> & { rawBody: Buffer };

// Bytes that are not valid UTF-8, or that hold a NUL (valid UTF-8, but PostgreSQL
// refuses it in text), are kept as base64: every store returns them exactly.
function encodeBody(raw: Buffer): { body: string; encoding: 'utf8' | 'base64' } {
  const text = raw.toString('utf8');
  return !text.includes('\0') && Buffer.from(text, 'utf8').equals(raw) ? { body: text, encoding: 'utf8' } : { body: raw.toString('base64'), encoding: 'base64' };
}

/** The stored body as the exact bytes received. */
export function deliveryBytes(d: Pick<StoredDelivery, 'body' | 'bodyEncoding'>): Buffer {
  return Buffer.from(d.body, d.bodyEncoding);
}

function fromRow(r: WebhookDeliveriesTable): StoredDelivery {
  return {
    id: r.id,
    source: r.source,
    idempotencyKey: r.idempotency_key,
    receivedAt: r.received_at,
    ip: r.ip,
    // Masked when stored; masked again when read, so rows kept before a name joined the list are too.
    headers: redactHeaders(JSON.parse(r.headers) as Record<string, string | string[]>),
    body: r.body,
    bodyEncoding: r.body_encoding,
    verdict: JSON.parse(r.verdict) as Record<string, unknown>,
    events: JSON.parse(r.events) as PutEventsEntry[],
    eventIds: JSON.parse(r.event_ids) as string[],
    replayCount: r.replay_count,
    lastReplayedAt: r.last_replayed_at,
  };
}

export async function insertDelivery(db: Executor, d: NewDelivery): Promise<void> {
  const { body, encoding } = encodeBody(d.rawBody);
  await w(db)
    .insertInto('webhook_deliveries')
    .values({
      id: d.id,
      source: d.source,
      idempotency_key: d.idempotencyKey,
      received_at: d.receivedAt,
      ip: d.ip,
      headers: JSON.stringify(d.headers),
      body,
      body_encoding: encoding,
      verdict: JSON.stringify(d.verdict),
      events: JSON.stringify(d.events),
      event_ids: JSON.stringify(d.eventIds),
      replay_count: 0,
      last_replayed_at: null,
    })
    .execute();
}

export async function getDelivery(db: Executor, id: string): Promise<StoredDelivery | undefined> {
  const row = await w(db).selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** Newest first; `before` pages by receipt time. */
export async function listDeliveries(db: Executor, filter: { source?: string; limit: number; before?: number }): Promise<StoredDelivery[]> {
  const rows = await w(db)
    .selectFrom('webhook_deliveries')
    .selectAll()
    .$if(filter.source !== undefined, (qb) => qb.where('source', '=', filter.source!))
    .$if(filter.before !== undefined, (qb) => qb.where('received_at', '<', filter.before!))
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .execute();
  return rows.map(fromRow);
}

export async function markReplayed(db: Executor, id: string, now: number): Promise<void> {
  await w(db)
    .updateTable('webhook_deliveries')
    .set((eb) => ({ replay_count: eb('replay_count', '+', 1), last_replayed_at: now }))
    .where('id', '=', id)
    .execute();
}
