/**
 * The AWS wire front door (`aws:`) and the SQS queues behind it (`sqs:`).
 * The EventBridge and SQS APIs speak the AWS JSON protocols on POST / of the
 * main port; requests are signed with SigV4 by keys from `hashi keys create --aws`.
 */
export const awsSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'The AWS front door: EventBridge (AWS JSON 1.1) and SQS (AWS JSON 1.0) on POST /, signed with SigV4.',
  properties: {
    enabled: { type: 'boolean', default: true, description: 'Serve the EventBridge and SQS APIs on POST / of the main port.' },
    accounts: {
      type: 'object',
      default: {},
      additionalProperties: { type: 'string', pattern: '^[0-9]{12}$' },
      description: "Tenant → 12-digit account id. A tenant not listed gets one derived from its name; a tenant given events.account works on hashi.yaml's buses, rules and queues.",
    },
    keyEncryptionSecret: {
      type: 'string',
      default: '',
      description: 'Encrypts AWS secret access keys at rest (AES-256-GCM); use ${HASHI_AWS_KEY_SECRET}. Empty: a random key in <dataDir>/aws-keys.secret (set this when replicas share PostgreSQL).',
    },
    allowUnsigned: { type: 'boolean', default: false, description: 'Local development only: accept requests that carry no SigV4 signature at all, as unsignedTenant.' },
    unsignedTenant: { type: 'string', default: 'default', description: 'The tenant unsigned requests act as (with allowUnsigned).' },
  },
} as const;

const queueSchema = {
  type: 'object',
  required: ['QueueName'],
  additionalProperties: false,
  properties: {
    QueueName: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$|^[A-Za-z0-9_-]{1,75}\\.fifo$', description: 'As in CreateQueue (".fifo" for a FIFO queue).' },
    Attributes: { type: 'object', additionalProperties: { type: 'string' }, default: {}, description: 'CreateQueue attributes (VisibilityTimeout, RedrivePolicy, FifoQueue, …), as strings.' },
    Tags: { type: 'object', additionalProperties: { type: 'string' }, default: {} },
  },
} as const;

export const sqsSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'SQS queues on the store: the SQS API and the `queue:` / SQS-ARN targets of rules.',
  properties: {
    pollIntervalMs: {
      type: 'integer',
      minimum: 10,
      default: 100,
      description: 'How often a long poll (WaitTimeSeconds) looks again for messages sent through another replica; sends in this process wake it at once.',
    },
    housekeepingIntervalMs: { type: 'integer', minimum: 1000, default: 60000, description: "How often messages past their queue's MessageRetentionPeriod are deleted." },
    queues: { type: 'array', default: [], items: queueSchema, description: 'Queues of events.account created (and kept as written) at start-up, so hashi.yaml rules can target them.' },
  },
} as const;

export interface AwsConfig {
  enabled: boolean;
  accounts: Record<string, string>;
  keyEncryptionSecret: string;
  allowUnsigned: boolean;
  unsignedTenant: string;
}

export interface SqsConfig {
  pollIntervalMs: number;
  housekeepingIntervalMs: number;
  queues: Array<{ QueueName: string; Attributes: Record<string, string>; Tags: Record<string, string> }>;
}
