import { ValidationError } from '../../kernel/index.ts';
import { toHeaders, verifyOne } from './verify-one.ts';
import type { VerifyContext, VerifyOutcome } from './types.ts';

/** Parses `--at`: whole unix seconds; throws `WEBHOOK_VERIFY_INPUT_INVALID` otherwise. */
export function parseAtOption(text: string): number {
  if (!/^\d{1,12}$/.test(text.trim())) {
    throw new ValidationError('WEBHOOK_VERIFY_INPUT_INVALID', `--at must be unix seconds (digits only), got ${JSON.stringify(text)}`);
  }
  return Number(text.trim());
}

/** Parses the `--headers` file: a JSON object of header name to value. */
export function parseHeadersFile(text: string): Record<string, string | string[] | undefined> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // V8's message quotes the input, which may hold a signature; say less.
    throw new ValidationError('WEBHOOK_VERIFY_INPUT_INVALID', 'the headers file is not valid JSON');
  }
  const headers = toHeaders(parsed);
  if (typeof headers === 'string') throw new ValidationError('WEBHOOK_VERIFY_INPUT_INVALID', `the headers file is wrong: ${headers}`);
  return headers;
}

export interface VerifyFilesInput {
  /** `--source NAME`. */
  source: string;
  /** Contents of `--headers h.json`. */
  headersText: string;
  /** Contents of `--body FILE`, read as bytes (never as text: the signature covers bytes). */
  body: Buffer;
  /** `--at UNIX_SECONDS`, already parsed with parseAtOption. */
  at?: number;
}

/** `hashi webhooks verify --source … --headers … --body … [--at …]`; throws only for an unreadable headers file. */
export function verifyFiles(input: VerifyFilesInput, ctx: VerifyContext): VerifyOutcome {
  const headers = parseHeadersFile(input.headersText);
  return verifyOne({ source: input.source, headers, body: input.body, ...(input.at === undefined ? {} : { at: input.at }) }, ctx);
}
