import { ValidationError } from '../kernel/index.ts';

/** 1-80 of letters, digits, "-" and "_"; a FIFO queue's name ends with `.fifo` (counted in the 80). */
const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

export function checkQueueName(name: unknown): { name: string; fifo: boolean } {
  if (typeof name === 'string' && FIFO_NAME.test(name)) return { name, fifo: true };
  if (typeof name === 'string' && NAME.test(name)) return { name, fifo: false };
  throw new ValidationError(
    'SQS_INVALID_PARAMETER',
    'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length (a FIFO queue name ends with .fifo, included in the 80).',
    { details: { field: 'QueueName' } },
  );
}

export const queueArn = (region: string, account: string, name: string): string => `arn:aws:sqs:${region}:${account}:${name}`;

const ARN = /^arn:[^:]+:sqs:[^:]*:(\d{12}):([A-Za-z0-9_.-]{1,80})$/;

export function parseQueueArn(arn: string): { account: string; name: string } | undefined {
  const m = ARN.exec(arn);
  return m ? { account: m[1]!, name: m[2]! } : undefined;
}

/** `<origin>/<account>/<name>`, the layout of SQS queue URLs. */
export const queueUrl = (origin: string, account: string, name: string): string => `${origin}/${account}/${name}`;

/** The account and name of a queue URL (any host: clients may reach Hashi under several names). */
export function parseQueueUrl(url: string): { account: string; name: string } | undefined {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const m = /^\/(\d{12})\/([A-Za-z0-9_.-]{1,80})\/?$/.exec(path);
  return m ? { account: m[1]!, name: m[2]! } : undefined;
}
