import { ValidationError, type Clock } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { decodeReceipt } from './receipt.ts';
import { changeVisibility, deleteReceived, receiptState } from './sql/settle.ts';
import type { QueueRecord } from './types.ts';

export interface SettleDeps {
  store: Store;
  clock: Clock;
  /** A message made visible again (timeout 0) wakes long polls. */
  visible: (queueId: string) => void;
}

/**
 * DeleteMessage. With a receipt handle from an older receive (the message was
 * received again since) a standard queue answers success and keeps the
 * message, as SQS documents; a FIFO queue refuses an expired handle.
 */
export async function deleteMessage(deps: SettleDeps, queue: QueueRecord, handle: unknown): Promise<void> {
  const r = decodeReceipt(handle, queue.id);
  const now = deps.clock.now();
  const deleted = await deleteReceived(deps.store.db, { queueId: queue.id, id: r.messageId, token: r.token, fifo: queue.fifo, now });
  if (deleted || !queue.fifo) return;
  const state = await receiptState(deps.store.db, queue.id, r.messageId);
  if (state && state.token === r.token) {
    throw new ValidationError('SQS_INVALID_PARAMETER', `Value ${String(handle)} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`, { details: { field: 'ReceiptHandle' } });
  }
}

/** ChangeMessageVisibility: a new timeout (0-43200 s) counted from now, for an in-flight message and its latest receipt. */
export async function changeMessageVisibility(deps: SettleDeps, queue: QueueRecord, handle: unknown, timeout: unknown): Promise<void> {
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 0 || timeout > 43_200) {
    throw new ValidationError('SQS_INVALID_PARAMETER', `Value ${String(timeout)} for parameter VisibilityTimeout is invalid. Reason: Must be between 0 and 43200.`, { details: { field: 'VisibilityTimeout' } });
  }
  const r = decodeReceipt(handle, queue.id);
  const now = deps.clock.now();
  if (await changeVisibility(deps.store.db, { queueId: queue.id, id: r.messageId, token: r.token, now, visibleUntil: now + timeout * 1000 })) {
    if (timeout === 0) deps.visible(queue.id);
    return;
  }
  const state = await receiptState(deps.store.db, queue.id, r.messageId);
  if (state && state.token === r.token) {
    throw new ValidationError('SQS_MESSAGE_NOT_INFLIGHT', `Value ${String(handle)} for parameter ReceiptHandle is invalid. Reason: Message is not in flight.`);
  }
  throw new ValidationError('SQS_INVALID_PARAMETER', `Value ${String(handle)} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`, {
    details: { field: 'ReceiptHandle' },
  });
}
