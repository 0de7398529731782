import { verifyOne } from './verify-one.ts';
import type { VerifyContext, VerifyInput, VerifyOutcome } from './types.ts';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function malformed(lineNo: number, why: string): VerifyOutcome {
  return { valid: false, reason: 'malformed_line', message: `line ${lineNo}: ${why}` };
}

/** Turns one parsed JSONL object into a VerifyInput, or says what is wrong with it. */
function toInput(value: unknown, lineNo: number): VerifyInput | VerifyOutcome {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return malformed(lineNo, 'must be a JSON object');
  const line = value as Record<string, unknown>;
  if (line.source === undefined) return malformed(lineNo, 'source is required (a source name or definition)');
  if (line.body !== undefined && line.bodyBase64 !== undefined) return malformed(lineNo, 'give body or bodyBase64, not both');
  let body: Buffer;
  if (typeof line.body === 'string') body = Buffer.from(line.body, 'utf8');
  else if (typeof line.bodyBase64 === 'string' && BASE64.test(line.bodyBase64)) body = Buffer.from(line.bodyBase64, 'base64');
  else if (line.bodyBase64 !== undefined) return malformed(lineNo, 'bodyBase64 must be a base64 string');
  else return malformed(lineNo, 'body (a string) or bodyBase64 is required');
  const at = line.at;
  if (at !== undefined && !(typeof at === 'number' && Number.isInteger(at) && at >= 0)) return malformed(lineNo, 'at must be whole unix seconds');
  return { source: line.source, headers: line.headers ?? {}, body, ...(at === undefined ? {} : { at }) };
}

/** One JSONL line → one outcome. `lineNo` is 1-based, used in messages. */
export function verifyJsonlLine(text: string, lineNo: number, ctx: VerifyContext): VerifyOutcome {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // V8's message quotes the line, which may hold a secret; say less.
    return malformed(lineNo, 'not valid JSON');
  }
  const input = toInput(parsed, lineNo);
  return 'valid' in input ? input : verifyOne(input, ctx);
}

/**
 * `hashi webhooks verify --jsonl FILE`: one outcome per non-blank line, in
 * order. Blank lines (such as the file's trailing newline) produce nothing.
 */
export function verifyJsonl(text: string, ctx: VerifyContext): VerifyOutcome[] {
  const outcomes: VerifyOutcome[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() !== '') outcomes.push(verifyJsonlLine(line, i + 1, ctx));
  });
  return outcomes;
}

/** The CLI's output: one compact JSON object per line. */
export function formatOutcomes(outcomes: readonly VerifyOutcome[]): string {
  return outcomes.map((o) => JSON.stringify(o)).join('\n') + (outcomes.length > 0 ? '\n' : '');
}

/** 0 when every delivery verified, 1 otherwise (the CLI's exit status). */
export function exitCodeFor(outcomes: readonly VerifyOutcome[]): 0 | 1 {
  return outcomes.every((o) => o.valid) ? 0 : 1;
}
