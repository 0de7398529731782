import { ValidationError } from '../kernel/index.ts';

/**
 * Queue attributes, as SQS keeps them: strings, validated here (pure). The
 * ranges are SQS's (CreateQueue / SetQueueAttributes in the SQS API reference;
 * MaximumMessageSize up to 1 MiB since SQS raised the limit in 2025).
 */
export const STANDARD_DEFAULTS: Readonly<Record<string, string>> = {
  DelaySeconds: '0',
  MaximumMessageSize: '262144',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
};

export const FIFO_DEFAULTS: Readonly<Record<string, string>> = {
  ...STANDARD_DEFAULTS,
  FifoQueue: 'true',
  ContentBasedDeduplication: 'false',
  DeduplicationScope: 'queue',
  FifoThroughputLimit: 'perQueue',
};

const RANGES: Record<string, [number, number]> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

/** Kept and returned as given; Hashi does not act on them (no KMS, no IAM policies). */
const OPAQUE = new Set(['Policy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'SqsManagedSseEnabled']);
const FIFO_ONLY: Record<string, readonly string[]> = {
  ContentBasedDeduplication: ['true', 'false'],
  DeduplicationScope: ['messageGroup', 'queue'],
  FifoThroughputLimit: ['perQueue', 'perMessageGroupId'],
};

/** Computed by the queue, never set. */
export const READ_ONLY = new Set([
  'QueueArn',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'ApproximateNumberOfMessagesDelayed',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
]);

export const ALL_ATTRIBUTE_NAMES = [...new Set([...Object.keys(FIFO_DEFAULTS), ...Object.keys(RANGES), ...OPAQUE, 'RedrivePolicy', ...READ_ONLY])];

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

const badValue = (name: string, why = '') => new ValidationError('SQS_INVALID_ATTRIBUTE_VALUE', `Invalid value for the parameter ${name}.${why ? ` Reason: ${why}` : ''}`, { details: { attribute: name } });

export function parseRedrivePolicy(text: string): RedrivePolicy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badValue('RedrivePolicy', 'Redrive policy is not a valid JSON map.');
  }
  const p = parsed as { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  const max = Number(p?.maxReceiveCount);
  if (typeof p?.deadLetterTargetArn !== 'string' || !/^arn:[^:]+:sqs:/.test(p.deadLetterTargetArn)) throw badValue('RedrivePolicy', 'Dead letter target ARN is missing or not an SQS queue ARN.');
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw badValue('RedrivePolicy', 'Invalid value for maxReceiveCount: must be an integer from 1 to 1000.');
  return { deadLetterTargetArn: p.deadLetterTargetArn, maxReceiveCount: max };
}

/**
 * Checks attributes for CreateQueue (`creating`) or SetQueueAttributes and
 * returns them normalised (RedrivePolicy re-serialised with a numeric
 * maxReceiveCount, as SQS returns it). Throws the SQS error of the first problem.
 */
export function checkAttributes(input: Record<string, unknown>, opts: { fifo: boolean; creating: boolean }): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(input)) {
    if (typeof raw !== 'string') throw badValue(name, 'attribute values are strings.');
    if (READ_ONLY.has(name)) throw new ValidationError('SQS_INVALID_ATTRIBUTE_NAME', `Unknown Attribute ${name}.`, { details: { attribute: name } });
    if (name === 'FifoQueue') {
      if (!opts.creating || raw !== String(opts.fifo)) throw badValue('FifoQueue', opts.creating ? 'a FIFO queue name ends with .fifo and sets FifoQueue to true; no other queue sets it.' : 'FifoQueue cannot change.');
      out[name] = raw;
    } else if (Object.hasOwn(RANGES, name)) {
      // Own keys only: an attribute named `constructor` or `__proto__` is unknown, not Object's (it was a 500).
      const [min, max] = RANGES[name]!;
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < min || n > max) throw badValue(name, `must be an integer from ${min} to ${max}.`);
      out[name] = String(n);
    } else if (Object.hasOwn(FIFO_ONLY, name)) {
      if (!opts.fifo) throw new ValidationError('SQS_INVALID_ATTRIBUTE_NAME', `Unknown Attribute ${name}.`, { details: { attribute: name } });
      if (!FIFO_ONLY[name]!.includes(raw)) throw badValue(name);
      out[name] = raw;
    } else if (name === 'RedrivePolicy') {
      out[name] = raw === '' ? '' : JSON.stringify(parseRedrivePolicy(raw));
    } else if (OPAQUE.has(name)) {
      out[name] = raw;
    } else {
      throw new ValidationError('SQS_INVALID_ATTRIBUTE_NAME', `Unknown Attribute ${name}.`, { details: { attribute: name } });
    }
  }
  return out;
}

export const intAttribute = (attrs: Record<string, string>, name: string): number => Number(attrs[name] ?? STANDARD_DEFAULTS[name] ?? 0);

export function redriveOf(attrs: Record<string, string>): RedrivePolicy | undefined {
  const text = attrs.RedrivePolicy;
  return text ? (JSON.parse(text) as RedrivePolicy) : undefined;
}
