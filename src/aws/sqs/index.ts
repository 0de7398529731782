import type { Sqs } from '../../sqs/index.ts';
import type { AwsService, Operation } from '../protocol/service.ts';
import { batchOperations } from './batch.ts';
import { sqsCall, type SqsOperation } from './context.ts';
import { sqsAuthError, sqsError } from './errors.ts';
import { messageOperations } from './messages.ts';
import { queueOperations } from './queues.ts';

/**
 * SQS's signature window: 15 minutes either way, as SQS answers ("Signature
 * expired: … (… - 15 min.)"); EventBridge allows five.
 */
export const SQS_CLOCK_WINDOW_MS = 15 * 60_000;

/**
 * SQS on the AWS JSON 1.0 protocol (`X-Amz-Target: AmazonSQS.<Op>`), the
 * protocol @aws-sdk/client-sqs has used since 2024 (query-compatible: errors
 * also carry x-amzn-query-error). The older query protocol is not served.
 */
export function sqsService(sqs: Sqs): AwsService {
  const table: Record<string, SqsOperation> = { ...queueOperations, ...messageOperations, ...batchOperations };
  const operations: Record<string, Operation> = Object.fromEntries(Object.entries(table).map(([name, op]) => [name, (input, ctx) => op(input, sqsCall(sqs, ctx))]));
  return {
    target: 'AmazonSQS',
    jsonVersion: '1.0',
    signingName: 'sqs',
    clockWindowMs: SQS_CLOCK_WINDOW_MS,
    operations,
    authError: sqsAuthError,
    toAwsError: sqsError,
  };
}
