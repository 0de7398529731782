import { isHashiError } from '../../kernel/index.ts';
import { AwsError, isAwsError } from '../protocol/aws-error.ts';
import type { SigV4Failure } from '../sigv4/index.ts';

/**
 * SQS's exception (the SDK's class name), HTTP status and the older query
 * code (x-amzn-query-error) for each Hashi code, as the SQS API reference and
 * the client's error table give them.
 */
const BY_CODE: Record<string, [type: string, status: number, queryCode: string]> = {
  SQS_QUEUE_NOT_FOUND: ['QueueDoesNotExist', 400, 'AWS.SimpleQueueService.NonExistentQueue'],
  // An IP rule of the edge (server.ipRules, the key's plan).
  IP_NOT_ALLOWED: ['AccessDeniedException', 403, 'AccessDenied'],
  SQS_QUEUE_EXISTS: ['QueueNameExists', 400, 'QueueAlreadyExists'],
  SQS_INVALID_PARAMETER: ['InvalidParameterValue', 400, 'InvalidParameterValue'],
  SQS_INVALID_ATTRIBUTE_NAME: ['InvalidAttributeName', 400, 'InvalidAttributeName'],
  SQS_INVALID_ATTRIBUTE_VALUE: ['InvalidAttributeValue', 400, 'InvalidAttributeValue'],
  SQS_INVALID_MESSAGE: ['InvalidMessageContents', 400, 'InvalidMessageContents'],
  SQS_RECEIPT_INVALID: ['ReceiptHandleIsInvalid', 404, 'ReceiptHandleIsInvalid'],
  SQS_MESSAGE_NOT_INFLIGHT: ['MessageNotInflight', 400, 'AWS.SimpleQueueService.MessageNotInflight'],
  SQS_PURGE_IN_PROGRESS: ['PurgeQueueInProgress', 403, 'AWS.SimpleQueueService.PurgeQueueInProgress'],
  SQS_BATCH_EMPTY: ['EmptyBatchRequest', 400, 'AWS.SimpleQueueService.EmptyBatchRequest'],
  SQS_BATCH_TOO_MANY: ['TooManyEntriesInBatchRequest', 400, 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest'],
  SQS_BATCH_IDS_NOT_DISTINCT: ['BatchEntryIdsNotDistinct', 400, 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct'],
  SQS_BATCH_ID_INVALID: ['InvalidBatchEntryId', 400, 'AWS.SimpleQueueService.InvalidBatchEntryId'],
  SQS_BATCH_TOO_LONG: ['BatchRequestTooLong', 400, 'AWS.SimpleQueueService.BatchRequestTooLong'],
};

export function sqsError(err: unknown): AwsError {
  if (isAwsError(err)) return err;
  if (isHashiError(err) && err.status < 500) {
    const [type, status, queryCode] = BY_CODE[err.code] ?? ['InvalidParameterValue', 400, 'InvalidParameterValue'];
    return new AwsError(type, err.message, status, queryCode);
  }
  return new AwsError('InternalFailure', 'The request processing has failed because of an unknown error; quote the request id when reporting it.', 500);
}

/** The per-entry Code of a failed batch entry: the query code SQS puts there (e.g. InvalidParameterValue). */
export function entryCode(hashiCode: string): string {
  return BY_CODE[hashiCode]?.[2] ?? 'InvalidParameterValue';
}

/**
 * Refused signatures as SQS names them (its errors come from the query
 * protocol era): an unknown key is InvalidClientTokenId, a bad or expired
 * signature SignatureDoesNotMatch ("Signature expired: …"), all 403.
 */
export function sqsAuthError(failure: SigV4Failure | 'throttled' | 'internal', message: string): AwsError {
  switch (failure) {
    case 'missing':
      return new AwsError('MissingAuthenticationToken', 'The request must contain either a valid (registered) AWS access key ID or X.509 certificate.', 403);
    case 'incomplete':
      return new AwsError('IncompleteSignature', message, 400);
    case 'unknown-key':
      return new AwsError('InvalidClientTokenId', message, 403);
    case 'throttled':
      return new AwsError('RequestThrottled', `Request is throttled: ${message}`, 403);
    case 'internal':
      return new AwsError('InternalFailure', message, 500);
    default:
      return new AwsError('SignatureDoesNotMatch', message, 403);
  }
}
