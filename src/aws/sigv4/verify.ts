import { timingSafeEqual } from 'node:crypto';
import { parseAuthorization, type ParsedAuthorization } from './authorization.ts';
import { canonicalRequest, credentialScope, sha256Hex, signatureOf, signingKey, stringToSign, type SignedHttpRequest } from './canonical.ts';

/** Why a request was refused; each service maps these to its own exception names. */
export type SigV4Failure = 'missing' | 'incomplete' | 'unknown-key' | 'mismatch' | 'expired' | 'not-yet-valid' | 'scope';

export type SigV4Result = { ok: true; accessKeyId: string } | { ok: false; failure: SigV4Failure; message: string };

export interface VerifyOptions {
  /** The region and service the credential must be scoped to. */
  region: string;
  service: string;
  /** ms epoch. */
  now: number;
  /** How far x-amz-date may be from `now`, either way. */
  windowMs: number;
  /** The secret access key of an active key, or undefined. */
  secretFor(accessKeyId: string): Promise<string | undefined>;
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function parseAmzDate(text: string): number | undefined {
  const m = AMZ_DATE.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isFinite(ms) ? ms : undefined;
}

const fail = (failure: SigV4Failure, message: string): SigV4Result => ({ ok: false, failure, message });
const header = (req: SignedHttpRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : v?.[0];
};

function checkScope(auth: ParsedAuthorization, amzDate: string, opts: VerifyOptions): SigV4Result | undefined {
  if (auth.region !== opts.region) return fail('scope', `Credential should be scoped to a valid region, not '${auth.region}'. This endpoint serves '${opts.region}'.`);
  if (auth.service !== opts.service) return fail('scope', `Credential should be scoped to correct service: '${opts.service}'.`);
  if (!amzDate.startsWith(auth.date)) {
    return fail('scope', `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`);
  }
  if (!auth.signedHeaders.includes('host')) return fail('incomplete', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  return undefined;
}

function checkClock(amzDate: string, signedAt: number, opts: VerifyOptions): SigV4Result | undefined {
  const minutes = `${Math.round(opts.windowMs / 60_000)} min.`;
  if (signedAt < opts.now - opts.windowMs) {
    return fail('expired', `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(opts.now - opts.windowMs)} (${formatAmzDate(opts.now)} - ${minutes})`);
  }
  if (signedAt > opts.now + opts.windowMs) {
    return fail('not-yet-valid', `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(opts.now + opts.windowMs)} (${formatAmzDate(opts.now)} + ${minutes})`);
  }
  return undefined;
}

/**
 * Verifies an AWS Signature Version 4 `Authorization` header against the
 * bytes that arrived: the payload hash is computed from the body (a claimed
 * x-amz-content-sha256 must agree with it), the signature recomputed with
 * the key's secret and compared in constant time. Order of the checks: format,
 * scope, clock, key, signature — so an unknown key is reported as such even
 * when the clock is right, as AWS does.
 */
export async function verifySigV4(req: SignedHttpRequest, opts: VerifyOptions): Promise<SigV4Result> {
  const authorization = header(req, 'authorization');
  if (!authorization) return fail('missing', 'Missing Authentication Token');
  const parsed = parseAuthorization(authorization);
  if (!parsed.ok) return fail('incomplete', parsed.message);
  const { auth } = parsed;
  const amzDate = header(req, 'x-amz-date');
  const dateHeader = header(req, 'date');
  const signedAt = amzDate ? parseAmzDate(amzDate) : dateHeader ? Date.parse(dateHeader) : undefined;
  if (signedAt === undefined || !Number.isFinite(signedAt)) {
    return fail('incomplete', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const requestDate = amzDate ?? formatAmzDate(signedAt);
  const refused = checkScope(auth, requestDate, opts) ?? checkClock(requestDate, signedAt, opts);
  if (refused) return refused;
  const secret = await opts.secretFor(auth.accessKeyId);
  if (secret === undefined) return fail('unknown-key', 'The security token included in the request is invalid.');
  const payloadHash = sha256Hex(req.body);
  const claimed = header(req, 'x-amz-content-sha256');
  if (claimed !== undefined && claimed !== payloadHash) return fail('mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
  const canonical = canonicalRequest(req, auth.signedHeaders, payloadHash);
  const expected = signatureOf(signingKey(secret, auth.date, auth.region, auth.service), stringToSign(requestDate, credentialScope(auth.date, auth.region, auth.service), canonical));
  const given = Buffer.from(auth.signature.toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, Buffer.from(expected, 'utf8'))) {
    return fail('mismatch', 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.');
  }
  return { ok: true, accessKeyId: auth.accessKeyId };
}
