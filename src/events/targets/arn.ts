/** A target's kind and name, read from its `Arn`. */
export interface TargetRef {
  kind: string;
  name: string;
}

const KIND = /^([a-z][a-z0-9-]{0,31}):(.+)$/s;
const EVENT_BUS_ARN = /^arn:[^:]+:events:[^:]*:(\d{12})?:event-bus\/(.+)$/;
const SQS_ARN = /^arn:[^:]+:sqs:[^:]*:(\d{12}):([A-Za-z0-9_-]{1,80}(?:\.fifo)?)$/;
const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/;

/**
 * `<kind>:<name>` (`function:orderConfirmation`, `bus:analytics`,
 * `http:https://…`). AWS ARNs of an event bus, an SQS queue or a Lambda
 * function are read as `bus:`, `queue:` and `function:` — the bus and queue
 * qualified with the ARN's account (`<account>/<name>`), which the kind
 * resolves against events.account — so pasted targets keep working.
 */
export function parseTargetArn(arn: string): TargetRef | undefined {
  const bus = EVENT_BUS_ARN.exec(arn);
  if (bus) return { kind: 'bus', name: bus[1] ? `${bus[1]}/${bus[2]!}` : bus[2]! };
  const queue = SQS_ARN.exec(arn);
  if (queue) return { kind: 'queue', name: `${queue[1]!}/${queue[2]!}` };
  const fn = LAMBDA_ARN.exec(arn);
  if (fn) return { kind: 'function', name: fn[1]! };
  if (arn.startsWith('arn:')) return undefined;
  const m = KIND.exec(arn);
  return m ? { kind: m[1]!, name: m[2]! } : undefined;
}
