import { defineCodes } from '../kernel/index.ts';

/**
 * Errors of the SQS capability. The AWS front door answers each with the SQS
 * exception of the same meaning (src/aws/README.md lists the mapping).
 */
export const SQS_CODES = defineCodes({
  SQS_QUEUE_NOT_FOUND: { status: 404, description: 'No queue with this name (or URL) in the caller’s account.' },
  SQS_QUEUE_EXISTS: { status: 409, description: 'A queue with this name exists with different attributes (CreateQueue).' },
  SQS_INVALID_PARAMETER: { status: 400, description: 'A request parameter is missing or out of range (queue name, DelaySeconds, MaxNumberOfMessages, message attributes, FIFO ids, …).' },
  SQS_INVALID_ATTRIBUTE_NAME: { status: 400, description: 'A queue attribute name is unknown or read-only.' },
  SQS_INVALID_ATTRIBUTE_VALUE: { status: 400, description: 'A queue attribute value is invalid (e.g. a RedrivePolicy naming a missing queue).' },
  SQS_INVALID_MESSAGE: { status: 400, description: 'The message body has characters SQS does not allow, or is too long.' },
  SQS_RECEIPT_INVALID: { status: 400, description: 'The receipt handle is not one this queue issued.' },
  SQS_MESSAGE_NOT_INFLIGHT: { status: 400, description: 'ChangeMessageVisibility on a message that is not in flight.' },
  SQS_PURGE_IN_PROGRESS: { status: 403, description: 'The queue was purged less than 60 seconds ago.' },
  SQS_BATCH_EMPTY: { status: 400, description: 'A batch request has no entries.' },
  SQS_BATCH_TOO_MANY: { status: 400, description: 'A batch request has more than 10 entries.' },
  SQS_BATCH_IDS_NOT_DISTINCT: { status: 400, description: 'Two entries of a batch share an Id.' },
  SQS_BATCH_ID_INVALID: { status: 400, description: 'A batch entry Id is not 1-80 of letters, digits, "-" or "_".' },
  SQS_BATCH_TOO_LONG: { status: 400, description: 'The messages of a batch add up to more than 1 MiB.' },
});
