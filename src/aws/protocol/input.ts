import { AwsError } from './aws-error.ts';

/**
 * Reading operation inputs. Missing or mistyped members are refused as the
 * AWS services word it: `1 validation error detected: Value null at 'name'
 * failed to satisfy constraint: Member must not be null`.
 */
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function validation(member: string, constraint: string, value: unknown = null): AwsError {
  const shown = value === null || value === undefined ? 'null' : `'${String(value).slice(0, 200)}'`;
  return new AwsError('ValidationException', `1 validation error detected: Value ${shown} at '${lowerFirst(member)}' failed to satisfy constraint: ${constraint}`, 400);
}

export function str(input: Record<string, unknown>, name: string, opts: { required: true; max?: number }): string;
export function str(input: Record<string, unknown>, name: string, opts?: { required?: false; max?: number }): string | undefined;
export function str(input: Record<string, unknown>, name: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
  const v = input[name];
  if (v === undefined || v === null) {
    if (opts.required) throw validation(name, 'Member must not be null');
    return undefined;
  }
  if (typeof v !== 'string') throw validation(name, 'Member must be a string', v);
  if (opts.max !== undefined && v.length > opts.max) throw validation(name, `Member must have length less than or equal to ${opts.max}`, v);
  return v;
}

export function int(input: Record<string, unknown>, name: string, min: number, max: number): number | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw validation(name, 'Member must be an integer', v);
  if (v < min) throw validation(name, `Member must have value greater than or equal to ${min}`, v);
  if (v > max) throw validation(name, `Member must have value less than or equal to ${max}`, v);
  return v;
}

export function list<T = unknown>(input: Record<string, unknown>, name: string, opts: { required?: boolean; max?: number } = {}): T[] | undefined {
  const v = input[name];
  if (v === undefined || v === null) {
    if (opts.required) throw validation(name, 'Member must not be null');
    return undefined;
  }
  if (!Array.isArray(v)) throw validation(name, 'Member must be a list', v);
  if (opts.max !== undefined && v.length > opts.max) throw validation(name, `Member must have length less than or equal to ${opts.max}`, `[${v.length} items]`);
  return v as T[];
}

export function map(input: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = input[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw validation(name, 'Member must be a map', v);
  return v as Record<string, unknown>;
}

/** NextToken paging over a list that is already sorted: the token is the offset, opaque to callers. */
export function page<T>(items: T[], limit: number | undefined, token: string | undefined): { items: T[]; nextToken?: string } {
  let start = 0;
  if (token !== undefined) {
    start = Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw new AwsError('ValidationException', 'The NextToken is not one this API returned.', 400);
  }
  const size = limit ?? 100;
  const slice = items.slice(start, start + size);
  return start + size < items.length ? { items: slice, nextToken: Buffer.from(String(start + size), 'utf8').toString('base64url') } : { items: slice };
}

/** AWS JSON timestamps are epoch seconds. */
export const epochSeconds = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso) / 1000);
