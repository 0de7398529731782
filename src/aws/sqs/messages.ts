import type { MessageAttributes, ReceivedMessage, SendInput, SendResult } from '../../sqs/index.ts';
import { md5OfAttributes } from '../../sqs/index.ts';
import { ValidationError } from '../../kernel/index.ts';
import { number, object, strings, text } from './input.ts';
import type { SqsCall, SqsOperation } from './context.ts';
import { sqsError } from './errors.ts';

/** SendMessage's input members → the capability's SendInput. */
export function sendInput(input: Record<string, unknown>): SendInput {
  const send: SendInput = { body: text(input, 'MessageBody', true) };
  const delay = number(input, 'DelaySeconds');
  if (delay !== undefined) send.delaySeconds = delay;
  const attributes = object(input, 'MessageAttributes');
  if (attributes) send.attributes = attributes as unknown as MessageAttributes;
  const system = object(input, 'MessageSystemAttributes');
  if (system) send.systemAttributes = system as unknown as MessageAttributes;
  const group = text(input, 'MessageGroupId');
  if (group !== undefined) send.groupId = group;
  const dedup = text(input, 'MessageDeduplicationId');
  if (dedup !== undefined) send.deduplicationId = dedup;
  return send;
}

export function sendOutput(r: SendResult): Record<string, unknown> {
  return {
    MessageId: r.messageId,
    MD5OfMessageBody: r.md5OfBody,
    ...(r.md5OfAttributes ? { MD5OfMessageAttributes: r.md5OfAttributes } : {}),
    ...(r.md5OfSystemAttributes ? { MD5OfMessageSystemAttributes: r.md5OfSystemAttributes } : {}),
    ...(r.sequenceNumber ? { SequenceNumber: r.sequenceNumber } : {}),
  };
}

const SYSTEM_NAMES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp', 'SequenceNumber', 'MessageDeduplicationId', 'MessageGroupId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn'];

/** The message system attributes asked for (MessageSystemAttributeNames, or the older AttributeNames). */
function systemAttributes(m: ReceivedMessage, wanted: string[], call: SqsCall): Record<string, string> | undefined {
  if (wanted.length === 0) return undefined;
  const all: Record<string, string | undefined> = {
    SenderId: call.account,
    SentTimestamp: String(m.sentAt),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt),
    SequenceNumber: m.sequenceNumber,
    MessageDeduplicationId: m.deduplicationId,
    MessageGroupId: m.groupId,
    AWSTraceHeader: m.systemAttributes.AWSTraceHeader?.StringValue,
    DeadLetterQueueSourceArn: m.deadLetterSourceArn,
  };
  const names = wanted.includes('All') ? SYSTEM_NAMES : wanted;
  const out = Object.fromEntries(names.filter((n) => all[n] !== undefined).map((n) => [n, all[n]!]));
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The message attributes asked for: `All`, `.*`, a name, or a `prefix.*`. */
function messageAttributes(attrs: MessageAttributes, wanted: string[]): MessageAttributes {
  const picks = (name: string) => wanted.some((w) => w === 'All' || w === '.*' || w === name || (w.endsWith('.*') && name.startsWith(w.slice(0, -1))));
  return Object.fromEntries(Object.entries(attrs).filter(([name]) => picks(name)));
}

function receiveOutput(m: ReceivedMessage, input: Record<string, unknown>, call: SqsCall): Record<string, unknown> {
  const systemWanted = [...strings(input, 'MessageSystemAttributeNames'), ...strings(input, 'AttributeNames')].map(String);
  const attributes = messageAttributes(m.attributes, strings(input, 'MessageAttributeNames'));
  const system = systemAttributes(m, systemWanted, call);
  const md5 = md5OfAttributes(attributes);
  return {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
    ...(system ? { Attributes: system } : {}),
    ...(md5 ? { MD5OfMessageAttributes: md5, MessageAttributes: attributes } : {}),
  };
}

export const messageOperations: Record<string, SqsOperation> = {
  async SendMessage(input, call) {
    const [result] = await call.sqs.send(await call.queue(input), [sendInput(input)]);
    if (result && 'code' in result) throw sqsError(new ValidationError(result.code, result.message));
    return sendOutput(result as SendResult);
  },

  async ReceiveMessage(input, call) {
    const q = await call.queue(input);
    const visibility = number(input, 'VisibilityTimeout');
    const wait = number(input, 'WaitTimeSeconds');
    const attempt = text(input, 'ReceiveRequestAttemptId');
    const messages = await call.sqs.receive(q, {
      max: number(input, 'MaxNumberOfMessages') ?? 1,
      ...(visibility !== undefined ? { visibilityTimeout: visibility } : {}),
      ...(wait !== undefined ? { waitSeconds: wait } : {}),
      ...(attempt !== undefined ? { attemptId: attempt } : {}),
      signal: call.ctx.signal,
    });
    return messages.length === 0 ? {} : { Messages: messages.map((m) => receiveOutput(m, input, call)) };
  },

  async DeleteMessage(input, call) {
    await call.sqs.deleteMessage(await call.queue(input), text(input, 'ReceiptHandle', true));
    return {};
  },

  async ChangeMessageVisibility(input, call) {
    await call.sqs.changeVisibility(await call.queue(input), text(input, 'ReceiptHandle', true), input.VisibilityTimeout);
    return {};
  },
};
