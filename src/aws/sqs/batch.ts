import { ValidationError, isHashiError } from '../../kernel/index.ts';
import type { SendResult } from '../../sqs/index.ts';
import { isAwsError } from '../protocol/aws-error.ts';
import type { SqsCall, SqsOperation } from './context.ts';
import { entryCode, sqsError } from './errors.ts';
import { invalidValue, text } from './input.ts';
import { sendInput, sendOutput } from './messages.ts';

const MAX_ENTRIES = 10;
const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The entries of a batch request, checked as SQS checks them before any entry runs. */
function entries(input: Record<string, unknown>): Array<Record<string, unknown> & { Id: string }> {
  const raw = input.Entries;
  if (raw === undefined || raw === null || (Array.isArray(raw) && raw.length === 0)) throw sqsError(new ValidationError('SQS_BATCH_EMPTY', 'There should be at least one entry in the request.'));
  if (!Array.isArray(raw)) throw invalidValue('Entries', raw);
  if (raw.length > MAX_ENTRIES) throw sqsError(new ValidationError('SQS_BATCH_TOO_MANY', `Maximum number of entries per request are ${MAX_ENTRIES}. You have sent ${raw.length}.`));
  const seen = new Set<string>();
  for (const e of raw as Array<Record<string, unknown>>) {
    const id = e?.Id;
    if (typeof id !== 'string' || !ENTRY_ID.test(id)) throw sqsError(new ValidationError('SQS_BATCH_ID_INVALID', `A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.`));
    if (seen.has(id)) throw sqsError(new ValidationError('SQS_BATCH_IDS_NOT_DISTINCT', `Id ${id} repeated.`));
    seen.add(id);
  }
  return raw as Array<Record<string, unknown> & { Id: string }>;
}

const failed = (Id: string, err: unknown) => {
  if (!isHashiError(err) && !isAwsError(err)) throw err;
  const aws = sqsError(err);
  return { Id, SenderFault: aws.status < 500, Code: aws.queryCode ?? aws.type, Message: aws.message };
};

/** Runs `each` per entry; one entry's failure is reported in Failed and does not stop the others. */
async function perEntry(input: Record<string, unknown>, each: (e: Record<string, unknown>) => Promise<void>) {
  const Successful: Array<{ Id: string }> = [];
  const Failed: Array<ReturnType<typeof failed>> = [];
  for (const e of entries(input)) {
    try {
      await each(e);
      Successful.push({ Id: e.Id });
    } catch (err) {
      Failed.push(failed(e.Id, err));
    }
  }
  return { Successful, Failed };
}

async function sendBatch(input: Record<string, unknown>, call: SqsCall) {
  const list = entries(input);
  const q = await call.queue(input);
  const Successful: Array<Record<string, unknown>> = [];
  const Failed: Array<ReturnType<typeof failed>> = [];
  const inputs = list.map((e) => {
    try {
      return sendInput(e);
    } catch (err) {
      Failed.push(failed(e.Id, err));
      return undefined;
    }
  });
  const ready = list.map((e, i) => ({ e, input: inputs[i] })).filter((x) => x.input !== undefined);
  const results = await call.sqs.send(q, ready.map((x) => x.input!));
  results.forEach((r, i) => {
    const id = ready[i]!.e.Id;
    if ('code' in r) Failed.push({ Id: id, SenderFault: r.senderFault, Code: entryCode(r.code), Message: r.message });
    else Successful.push({ Id: id, ...sendOutput(r as SendResult) });
  });
  return { Successful, Failed };
}

export const batchOperations: Record<string, SqsOperation> = {
  SendMessageBatch: sendBatch,

  async DeleteMessageBatch(input, call) {
    const q = await call.queue(input);
    return perEntry(input, (e) => call.sqs.deleteMessage(q, text(e, 'ReceiptHandle', true)));
  },

  async ChangeMessageVisibilityBatch(input, call) {
    const q = await call.queue(input);
    return perEntry(input, (e) => call.sqs.changeVisibility(q, text(e, 'ReceiptHandle', true), e.VisibilityTimeout));
  },
};
