import type { QueueRecord, Sqs } from '../../sqs/index.ts';
import { parseQueueUrl, queueUrl } from '../../sqs/index.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { text } from './input.ts';
import type { CallContext } from '../protocol/service.ts';

export interface SqsCall {
  sqs: Sqs;
  ctx: CallContext;
  account: string;
  urlOf(q: Pick<QueueRecord, 'account' | 'name'>): string;
  /** The queue a request's QueueUrl names, in the caller's account only (another account's queue "does not exist"). */
  queue(input: Record<string, unknown>): Promise<QueueRecord>;
}

export type SqsOperation = (input: Record<string, unknown>, call: SqsCall) => Promise<Record<string, unknown>>;

export function sqsCall(sqs: Sqs, ctx: CallContext): SqsCall {
  const account = ctx.caller.account;
  return {
    sqs,
    ctx,
    account,
    urlOf: (q) => queueUrl(ctx.origin, q.account, q.name),
    async queue(input) {
      const url = text(input, 'QueueUrl', true);
      const ref = parseQueueUrl(url);
      if (!ref) throw new AwsError('InvalidAddress', `The address ${url} is not valid for this endpoint.`, 404, 'InvalidAddress');
      if (ref.account !== account) throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue');
      return sqs.queues.get(ref.account, ref.name);
    },
  };
}
