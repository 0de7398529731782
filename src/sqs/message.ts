import { ValidationError } from '../kernel/index.ts';
import type { MessageAttributes, SendInput } from './types.ts';

const invalid = (message: string, field: string) => new ValidationError('SQS_INVALID_PARAMETER', message, { details: { field } });
// The characters SQS accepts in a body or string attribute (SendMessage, "MessageBody").
const DISALLOWED = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTRIBUTE_NAME = /^(?!\.)(?!.*\.\.)(?!.*\.$)[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE = /^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// MessageGroupId / MessageDeduplicationId: 1-128 of alphanumerics and punctuation.
const FIFO_ID = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

export function checkText(text: string, field: string): void {
  if (DISALLOWED.test(text)) {
    throw new ValidationError('SQS_INVALID_MESSAGE', `Invalid characters found in ${field}. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`, { details: { field } });
  }
}

/** Validates message attributes (names, types, values) and returns their size in bytes. */
export function checkAttributes(attributes: MessageAttributes | undefined, field: string, maxCount: number): number {
  const entries = Object.entries(attributes ?? {});
  if (entries.length > maxCount) throw invalid(`Number of message attributes [${entries.length}] exceeds the allowed maximum [${maxCount}].`, field);
  let size = 0;
  for (const [name, value] of entries) {
    if (!ATTRIBUTE_NAME.test(name) || /^(aws\.|amazon\.)/i.test(name)) throw invalid(`Message attribute name '${name}' is invalid (letters, digits, "_", "-" and "."; not starting with AWS. or Amazon.).`, field);
    if (!value || typeof value !== 'object' || typeof value.DataType !== 'string' || !DATA_TYPE.test(value.DataType)) {
      throw invalid(`The message attribute '${name}' has an invalid message attribute type; the set of supported type prefixes is Binary, Number, and String.`, field);
    }
    const binary = value.DataType.startsWith('Binary');
    const text = binary ? value.BinaryValue : value.StringValue;
    if (typeof text !== 'string' || text === '') throw invalid(`The message attribute '${name}' must contain a non-empty message attribute value for message attribute type '${value.DataType}'.`, field);
    if (!binary) checkText(text, `${field}.${name}`);
    if (value.DataType.startsWith('Number') && !NUMBER.test(text)) throw invalid(`Can't cast the value of message attribute '${name}' to a number.`, field);
    if (binary && !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw invalid(`The message attribute '${name}' has a BinaryValue that is not base64.`, field);
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType) + (binary ? Buffer.from(text, 'base64').length : Buffer.byteLength(text));
  }
  return size;
}

/**
 * Checks one SendMessage input against the queue's kind and limits; returns
 * the message size SQS counts (body plus attribute names, types and values).
 */
export function checkSend(input: SendInput, queue: { fifo: boolean; maxSize: number; contentDedup: boolean }): number {
  if (typeof input.body !== 'string' || input.body.length === 0) throw invalid('The request must contain the parameter MessageBody.', 'MessageBody');
  checkText(input.body, 'MessageBody');
  const size = Buffer.byteLength(input.body) + checkAttributes(input.attributes, 'MessageAttributes', 10);
  if (input.systemAttributes) {
    for (const [name, v] of Object.entries(input.systemAttributes)) {
      if (name !== 'AWSTraceHeader' || v?.DataType !== 'String') throw invalid(`Message system attribute name '${name}' is invalid (only AWSTraceHeader, a String).`, 'MessageSystemAttributes');
    }
    checkAttributes(input.systemAttributes, 'MessageSystemAttributes', 1);
  }
  if (size > queue.maxSize) throw invalid(`One or more parameters are invalid. Reason: Message must be shorter than ${queue.maxSize} bytes.`, 'MessageBody');
  if (input.delaySeconds !== undefined) {
    if (!Number.isInteger(input.delaySeconds) || input.delaySeconds < 0 || input.delaySeconds > 900) throw invalid(`Value ${input.delaySeconds} for parameter DelaySeconds is invalid. Reason: must be 0 to 900.`, 'DelaySeconds');
    if (queue.fifo && input.delaySeconds > 0) throw invalid(`Value ${input.delaySeconds} for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.`, 'DelaySeconds');
  }
  if (input.groupId !== undefined && !FIFO_ID.test(input.groupId)) throw invalid(`Value ${input.groupId} for parameter MessageGroupId is invalid. Reason: 1-128 alphanumeric or punctuation characters.`, 'MessageGroupId');
  if (input.deduplicationId !== undefined && !FIFO_ID.test(input.deduplicationId)) {
    throw invalid(`Value ${input.deduplicationId} for parameter MessageDeduplicationId is invalid. Reason: 1-128 alphanumeric or punctuation characters.`, 'MessageDeduplicationId');
  }
  if (queue.fifo) {
    if (input.groupId === undefined) throw invalid('The request must contain the parameter MessageGroupId.', 'MessageGroupId');
    if (input.deduplicationId === undefined && !queue.contentDedup) {
      throw invalid('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly', 'MessageDeduplicationId');
    }
  } else if (input.deduplicationId !== undefined) {
    throw invalid(`Value ${input.deduplicationId} for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type.`, 'MessageDeduplicationId');
  }
  return size;
}
