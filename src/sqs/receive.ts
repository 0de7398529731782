import { ValidationError, type Clock } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { intAttribute, redriveOf } from './attributes.ts';
import { parseQueueArn } from './names.ts';
import { encodeReceipt, newReceiveToken } from './receipt.ts';
import { findAttempt, rememberAttempt } from './sql/attempts.ts';
import { selectQueue } from './sql/queues.ts';
import { claimMessages, extendVisibility, lockQueue, moveToDeadLetter, selectByReceipt } from './sql/receive.ts';
import type { SqsMessagesTable } from './sql/tables.ts';
import type { MessageAttributes, QueueRecord, ReceiveOptions, ReceivedMessage } from './types.ts';
import type { Waiters } from './waiters.ts';

export interface ReceiveDeps {
  store: Store;
  clock: Clock;
  waiters: Waiters;
  pollIntervalMs: number;
  arnOf: (q: Pick<QueueRecord, 'account' | 'name'>) => string;
}

const ATTEMPT_WINDOW_MS = 5 * 60_000;

function range(value: number | undefined, name: string, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new ValidationError('SQS_INVALID_PARAMETER', `Value ${value} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`, { details: { field: name } });
  }
}

function toMessage(queueId: string, row: SqsMessagesTable, fifo: boolean): ReceivedMessage {
  const m: ReceivedMessage = {
    messageId: row.id,
    receiptHandle: encodeReceipt({ queueId, messageId: row.id, token: row.receipt! }),
    body: row.body,
    md5OfBody: row.md5_body,
    attributes: row.attributes ? (JSON.parse(row.attributes) as MessageAttributes) : {},
    systemAttributes: row.system_attributes ? (JSON.parse(row.system_attributes) as MessageAttributes) : {},
    sentAt: Number(row.sent_at),
    receiveCount: row.receive_count,
    firstReceivedAt: Number(row.first_received_at),
  };
  if (row.group_id !== null) m.groupId = row.group_id;
  if (fifo) {
    if (row.dedup_id !== null) m.deduplicationId = row.dedup_id;
    m.sequenceNumber = row.seq;
  }
  if (row.dlq_source !== null) m.deadLetterSourceArn = row.dlq_source;
  return m;
}

/**
 * ReceiveMessage with long polling: looks once, and while nothing is there
 * and the wait (WaitTimeSeconds, else the queue's ReceiveMessageWaitTimeSeconds)
 * lasts, waits for a send in this process or the next poll, then looks again.
 */
export async function receiveMessages(deps: ReceiveDeps, queue: QueueRecord, opts: ReceiveOptions): Promise<ReceivedMessage[]> {
  range(opts.max, 'MaxNumberOfMessages', 1, 10);
  range(opts.visibilityTimeout, 'VisibilityTimeout', 0, 43_200);
  range(opts.waitSeconds, 'WaitTimeSeconds', 0, 20);
  const waitMs = (opts.waitSeconds ?? intAttribute(queue.attributes, 'ReceiveMessageWaitTimeSeconds')) * 1000;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const got = await receiveOnce(deps, queue, opts);
    const left = deadline - Date.now();
    if (got.length > 0 || left <= 0 || opts.signal?.aborted) return got;
    await deps.waiters.wait(queue.id, Math.min(left, deps.pollIntervalMs), opts.signal);
  }
}

async function receiveOnce(deps: ReceiveDeps, queue: QueueRecord, opts: ReceiveOptions): Promise<ReceivedMessage[]> {
  const now = deps.clock.now();
  const visibleUntil = now + (opts.visibilityTimeout ?? intAttribute(queue.attributes, 'VisibilityTimeout')) * 1000;
  const redrive = redriveOf(queue.attributes);
  const dlqRef = redrive ? parseQueueArn(redrive.deadLetterTargetArn) : undefined;
  const dlq = dlqRef ? await selectQueue(deps.store.db, dlqRef.account, dlqRef.name) : undefined;
  const claim = async (tx: typeof deps.store.db): Promise<SqsMessagesTable[]> => {
    if (redrive && dlq) {
      const moved = await moveToDeadLetter(tx, { queueId: queue.id, dlqId: dlq.id, maxReceiveCount: redrive.maxReceiveCount, now, sourceArn: deps.arnOf(queue) });
      if (moved > 0) deps.store.afterCommit(tx, () => deps.waiters.wake(dlq.id));
    }
    return claimMessages(tx, deps.store.caps, { queueId: queue.id, fifo: queue.fifo, limit: opts.max, now, visibleUntil, token: newReceiveToken(), ...(redrive && dlq ? { maxReceiveCount: redrive.maxReceiveCount } : {}) });
  };
  // Standard queues: two single statements, no transaction; FIFO: one transaction holding the queue's lock.
  if (!queue.fifo) return (await claim(deps.store.db)).map((r) => toMessage(queue.id, r, false));
  const rows = await deps.store.transaction(async (tx) => {
    await lockQueue(tx, deps.store.caps, queue.id);
    if (opts.attemptId) {
      const earlier = await findAttempt(tx, queue.id, opts.attemptId, now);
      const again = earlier ? await selectByReceipt(tx, queue.id, earlier.ids, earlier.token) : [];
      if (earlier && again.length > 0) {
        // A retried receive within 5 minutes: the same messages and receipt handles, visibility reset.
        await extendVisibility(tx, queue.id, again.map((r) => r.id), visibleUntil);
        return again;
      }
    }
    const claimed = await claim(tx);
    if (opts.attemptId && claimed.length > 0) {
      await rememberAttempt(tx, { queue_id: queue.id, attempt_id: opts.attemptId, token: claimed[0]!.receipt!, message_ids: JSON.stringify(claimed.map((r) => r.id)), expires_at: now + ATTEMPT_WINDOW_MS });
    }
    return claimed;
  });
  return rows.map((r) => toMessage(queue.id, r, true));
}
