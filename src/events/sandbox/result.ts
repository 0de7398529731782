import { describeError } from '../../kernel/index.ts';

/** A refusal the CLI prints instead of a result; `code` is the stable error code when there is one. */
export interface ErrorResult {
  error: string;
  code?: string;
}

export function errorResult(err: unknown): ErrorResult {
  const { code, message } = describeError(err);
  return /^[A-Z][A-Z0-9_]+$/.test(code) ? { error: message, code } : { error: message };
}

export function isErrorResult(value: object): value is ErrorResult {
  return 'error' in value;
}
