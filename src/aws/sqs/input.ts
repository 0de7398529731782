import { AwsError } from '../protocol/aws-error.ts';

/** SQS words missing and mistyped members in its own (query-era) way: MissingParameter, InvalidParameterValue. */
export function text(input: Record<string, unknown>, name: string, required: true): string;
export function text(input: Record<string, unknown>, name: string, required?: false): string | undefined;
export function text(input: Record<string, unknown>, name: string, required = false): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) {
    if (required) throw new AwsError('MissingParameter', `The request must contain the parameter ${name}.`, 400, 'MissingParameter');
    return undefined;
  }
  if (typeof v !== 'string') throw invalidValue(name, v);
  return v;
}

export function number(input: Record<string, unknown>, name: string): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidValue(name, v);
  return v;
}

export function invalidValue(name: string, value: unknown): AwsError {
  return new AwsError('InvalidParameterValue', `Value ${JSON.stringify(value)} for parameter ${name} is invalid.`, 400, 'InvalidParameterValue');
}

export function strings(input: Record<string, unknown>, name: string): string[] {
  const v = input[name];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalidValue(name, v);
  return v.map(String);
}

export function object(input: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw invalidValue(name, v);
  return v as Record<string, unknown>;
}
