/** A message attribute in the SQS API's shape; BinaryValue is base64 text (as the JSON protocol carries it). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

/** A queue as stored. */
export interface QueueRecord {
  id: string;
  account: string;
  name: string;
  fifo: boolean;
  /** The settable attributes as SQS strings (defaults filled in). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  createdAt: number;
  updatedAt: number;
}

export interface SendInput {
  body: string;
  delaySeconds?: number;
  attributes?: MessageAttributes;
  /** MessageSystemAttributes (only AWSTraceHeader exists). */
  systemAttributes?: MessageAttributes;
  groupId?: string;
  deduplicationId?: string;
}

export interface SendResult {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  md5OfSystemAttributes?: string;
  /** FIFO queues. */
  sequenceNumber?: string;
}

export interface ReceivedMessage {
  messageId: string;
  receiptHandle: string;
  body: string;
  md5OfBody: string;
  attributes: MessageAttributes;
  systemAttributes: MessageAttributes;
  sentAt: number;
  receiveCount: number;
  firstReceivedAt: number;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  /** Set when the message was moved here by a redrive policy. */
  deadLetterSourceArn?: string;
}

export interface ReceiveOptions {
  /** 1-10. */
  max: number;
  /** Seconds; default the queue's VisibilityTimeout. */
  visibilityTimeout?: number;
  /** Seconds, 0-20; default the queue's ReceiveMessageWaitTimeSeconds. */
  waitSeconds?: number;
  /** FIFO: a retried receive with the same id gets the same messages. */
  attemptId?: string;
  signal?: AbortSignal;
}

/** One failed entry of a batch; `senderFault` false means the server failed. */
export interface EntryFailure {
  code: string;
  message: string;
  senderFault: boolean;
}

export interface SqsSettings {
  pollIntervalMs: number;
  housekeepingIntervalMs: number;
  queues: Array<{ QueueName: string; Attributes?: Record<string, string>; Tags?: Record<string, string> }>;
}
