import { randomUUID } from 'node:crypto';
import { ValidationError, describeError, isHashiError, sha256Hex, ulid, type Clock } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { intAttribute } from './attributes.ts';
import { md5Hex, md5OfAttributes } from './md5.ts';
import { checkSend } from './message.ts';
import { findDuplicate, insertMessages, rememberDedup, reserveSequence } from './sql/send.ts';
import type { SqsMessagesTable } from './sql/tables.ts';
import type { EntryFailure, QueueRecord, SendInput, SendResult } from './types.ts';

/** A batch's messages together may not pass 1 MiB (SendMessageBatch). */
export const MAX_BATCH_BYTES = 1_048_576;
const DEDUP_WINDOW_MS = 5 * 60_000;

export interface SendDeps {
  store: Store;
  clock: Clock;
  /** Called once the messages are committed (wakes long polls of this process). */
  sent: (queueId: string) => void;
}

type Checked = { index: number; input: SendInput; size: number };

const failure = (err: unknown): EntryFailure => {
  if (!isHashiError(err) || err.status >= 500) throw err;
  return { code: describeError(err).code, message: err.message, senderFault: true };
};

/** A stored message row and what SendMessage answers for it. */
function messageRow(queue: QueueRecord, input: SendInput, now: number, seq: string): { row: SqsMessagesTable; result: SendResult } {
  const delay = input.delaySeconds ?? intAttribute(queue.attributes, 'DelaySeconds');
  const id = randomUUID();
  const md5OfBody = md5Hex(input.body);
  const row: SqsMessagesTable = {
    id,
    queue_id: queue.id,
    body: input.body,
    attributes: input.attributes && Object.keys(input.attributes).length > 0 ? JSON.stringify(input.attributes) : null,
    system_attributes: input.systemAttributes && Object.keys(input.systemAttributes).length > 0 ? JSON.stringify(input.systemAttributes) : null,
    md5_body: md5OfBody,
    sent_at: now,
    visible_at: now + delay * 1000,
    expires_at: now + intAttribute(queue.attributes, 'MessageRetentionPeriod') * 1000,
    receive_count: 0,
    first_received_at: null,
    receipt: null,
    seq,
    group_id: input.groupId ?? null,
    dedup_id: input.deduplicationId ?? null,
    dlq_source: null,
  };
  const result: SendResult = { messageId: id, md5OfBody };
  const md5Attrs = md5OfAttributes(input.attributes);
  if (md5Attrs) result.md5OfAttributes = md5Attrs;
  const md5System = md5OfAttributes(input.systemAttributes);
  if (md5System) result.md5OfSystemAttributes = md5System;
  return { row, result };
}

/**
 * SendMessage(Batch): every entry is checked on its own (one bad entry fails
 * only itself); the good ones are written in one statement (standard) or one
 * transaction that takes their sequence numbers and checks deduplication
 * (FIFO). Results are in the order of the inputs.
 */
export async function sendMessages(deps: SendDeps, queue: QueueRecord, inputs: SendInput[]): Promise<Array<SendResult | EntryFailure>> {
  const out: Array<SendResult | EntryFailure> = new Array(inputs.length);
  const limits = { fifo: queue.fifo, maxSize: intAttribute(queue.attributes, 'MaximumMessageSize'), contentDedup: queue.attributes.ContentBasedDeduplication === 'true' };
  const good: Checked[] = [];
  inputs.forEach((input, index) => {
    try {
      good.push({ index, input, size: checkSend(input, limits) });
    } catch (err) {
      out[index] = failure(err);
    }
  });
  if (inputs.length > 1 && good.reduce((n, c) => n + c.size, 0) > MAX_BATCH_BYTES) {
    throw new ValidationError('SQS_BATCH_TOO_LONG', `Batch requests cannot be longer than ${MAX_BATCH_BYTES} bytes.`);
  }
  if (good.length === 0) return out;
  const now = deps.clock.now();
  if (!queue.fifo) {
    const made = good.map((c) => ({ c, ...messageRow(queue, c.input, now, ulid(now)) }));
    await insertMessages(deps.store.db, made.map((m) => m.row));
    for (const m of made) out[m.c.index] = m.result;
  } else {
    await deps.store.transaction(async (tx) => {
      let next = await reserveSequence(tx, queue.id, good.length);
      const rows: SqsMessagesTable[] = [];
      for (const c of good) {
        const seq = String(next++).padStart(20, '0');
        const dedup = dedupKey(queue, c.input);
        const dup = await findDuplicate(tx, queue.id, dedup, now);
        const made = messageRow(queue, c.input, now, seq);
        if (dup) {
          out[c.index] = { ...made.result, messageId: dup.messageId, sequenceNumber: dup.seq };
          continue;
        }
        await rememberDedup(tx, { queue_id: queue.id, dedup_id: dedup, message_id: made.row.id, seq, expires_at: now + DEDUP_WINDOW_MS });
        rows.push({ ...made.row, dedup_id: c.input.deduplicationId ?? sha256Hex(c.input.body) });
        out[c.index] = { ...made.result, sequenceNumber: seq };
      }
      await insertMessages(tx, rows);
    });
  }
  deps.sent(queue.id);
  return out;
}

/** The deduplication id (given, or the body's SHA-256), scoped to the group when DeduplicationScope is messageGroup. */
function dedupKey(queue: QueueRecord, input: SendInput): string {
  const id = input.deduplicationId ?? sha256Hex(input.body);
  return queue.attributes.DeduplicationScope === 'messageGroup' ? `${input.groupId ?? ''}\u0000${id}` : id;
}
