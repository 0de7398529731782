import { createHash, createHmac } from 'node:crypto';
import { ALGORITHM } from './authorization.ts';
import { canonicalPath, canonicalQuery } from './encode.ts';

/** A request as it arrived, with what SigV4 signs. */
export interface SignedHttpRequest {
  method: string;
  /** The path as it arrived (percent-encoded), without the query. */
  path: string;
  /** The query string without `?` ('' when none). */
  query: string;
  /** Lower-case names; a repeated header as an array in arrival order. */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  body: Buffer;
}

export const sha256Hex = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();

/** A header's canonical value: every value trimmed, inner runs of spaces folded, joined with commas. */
function canonicalValue(value: string | readonly string[] | undefined): string {
  const values = value === undefined ? [] : typeof value === 'string' ? [value] : value;
  return values.map((v) => v.replace(/[\r\n]/g, ' ').replace(/[ \t]+/g, ' ').trim()).join(',');
}

/** The canonical request of the spec (method, URI, query, headers, signed header list, payload hash). */
export function canonicalRequest(req: SignedHttpRequest, signedHeaders: readonly string[], payloadHash: string): string {
  const headers = signedHeaders.map((name) => `${name}:${canonicalValue(req.headers[name])}\n`).join('');
  return [req.method.toUpperCase(), canonicalPath(req.path), canonicalQuery(req.query), headers, signedHeaders.join(';'), payloadHash].join('\n');
}

export function credentialScope(date: string, region: string, service: string): string {
  return `${date}/${region}/${service}/aws4_request`;
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return [ALGORITHM, amzDate, scope, sha256Hex(canonical)].join('\n');
}

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

export function signatureOf(key: Buffer, toSign: string): string {
  return hmac(key, toSign).toString('hex');
}
