export { Sqs, type SqsDeps } from './sqs.ts';
export { sqsMigrations } from './migrations.ts';
export { SQS_CODES } from './errors.ts';
export { md5OfAttributes, md5Hex } from './md5.ts';
export { queueArn, parseQueueArn, queueUrl, parseQueueUrl } from './names.ts';
export { MAX_BATCH_BYTES } from './send.ts';
export type { QueueRecord, SendInput, SendResult, ReceivedMessage, ReceiveOptions, EntryFailure, MessageAttributes, MessageAttributeValue, SqsSettings } from './types.ts';
