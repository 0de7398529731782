/** A target's kind and name, read from its `Arn`. */
export interface TargetRef {
  kind: string;
  name: string;
}

const KIND = /^([a-z][a-z0-9-]{0,31}):(.+)$/s;
const EVENT_BUS_ARN = /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/;
const LAMBDA_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:([^:]+)(?::[^:]+)?$/;

/**
 * `<kind>:<name>` (`function:orderConfirmation`, `bus:analytics`,
 * `http:https://…`). EventBridge ARNs of an event bus or a Lambda function are
 * read as `bus:<name>` and `function:<name>`, so pasted targets keep working
 * when the function is registered under the same name.
 */
export function parseTargetArn(arn: string): TargetRef | undefined {
  const bus = EVENT_BUS_ARN.exec(arn);
  if (bus) return { kind: 'bus', name: bus[1]! };
  const fn = LAMBDA_ARN.exec(arn);
  if (fn) return { kind: 'function', name: fn[1]! };
  if (arn.startsWith('arn:')) return undefined;
  const m = KIND.exec(arn);
  return m ? { kind: m[1]!, name: m[2]! } : undefined;
}
