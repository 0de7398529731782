/**
 * A capability's table of error codes: code → HTTP status and one line of
 * documentation. `test/error-codes.test.ts` checks every table for unique,
 * documented codes.
 */
export interface ErrorCodeSpec {
  status: number;
  description: string;
}

export type ErrorCodeTable = Readonly<Record<string, ErrorCodeSpec>>;

export function defineCodes<T extends Record<string, ErrorCodeSpec>>(table: T): Readonly<T> {
  return Object.freeze(table);
}

export const KERNEL_CODES = defineCodes({
  RETRYABLE: { status: 503, description: 'A handler asked for another attempt.' },
  PERMANENT: { status: 422, description: 'A handler declared the work impossible; it goes to the DLQ.' },
  INTERNAL: { status: 500, description: 'An unexpected error; the request id finds it in the logs.' },
  JSON_TOO_DEEP: { status: 400, description: 'A JSON value (body, PutEvents Detail, event pattern, webhook body) nests more than 64 levels of objects and arrays.' },
  TEXT_INVALID: { status: 400, description: 'A text field (id, name, message…) contains U+0000 or a lone surrogate, which no store keeps as text; the message names the field.' },
  NUMBER_INVALID: { status: 400, description: 'A number is not finite (e.g. 1e309 or Infinity, in a query string or a JSON body).' },
});

export const CONFIG_CODES = defineCodes({
  CONFIG_INVALID: { status: 400, description: 'hashi.yaml (or a flag or variable) is invalid; the message names each path and reason.' },
  CLI_INVALID: { status: 400, description: 'A CLI argument is missing or malformed.' },
  PORT_IN_USE: { status: 503, description: 'hashi serve cannot listen: another process holds server.host:server.port; the message says how to pick another port.' },
});
