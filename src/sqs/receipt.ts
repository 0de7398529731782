import { randomBytes } from 'node:crypto';
import { ValidationError } from '../kernel/index.ts';

/**
 * A receipt handle names the queue, the message and the receive that handed it
 * out (a random token stored on the message row). A newer receive replaces the
 * token, so an older handle no longer deletes or changes the message.
 */
export interface Receipt {
  queueId: string;
  messageId: string;
  token: string;
}

export const newReceiveToken = (): string => randomBytes(12).toString('base64url');

export function encodeReceipt(r: Receipt): string {
  return Buffer.from(`${r.queueId}|${r.messageId}|${r.token}`, 'utf8').toString('base64url');
}

export function decodeReceipt(handle: unknown, queueId: string): Receipt {
  const invalid = () => new ValidationError('SQS_RECEIPT_INVALID', `The input receipt handle "${String(handle).slice(0, 100)}" is not a valid receipt handle.`);
  if (typeof handle !== 'string' || handle.length === 0 || handle.length > 1024) throw invalid();
  const parts = Buffer.from(handle, 'base64url').toString('utf8').split('|');
  if (parts.length !== 3 || parts.some((p) => p === '') || parts[0] !== queueId) throw invalid();
  return { queueId: parts[0]!, messageId: parts[1]!, token: parts[2]! };
}
