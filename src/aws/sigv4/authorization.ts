export const ALGORITHM = 'AWS4-HMAC-SHA256';

/** The parts of `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. */
export interface ParsedAuthorization {
  accessKeyId: string;
  /** yyyymmdd of the credential scope. */
  date: string;
  region: string;
  service: string;
  /** Lower-case, in the order sent (SigV4 requires them sorted). */
  signedHeaders: string[];
  signature: string;
}

export type ParseResult = { ok: true; auth: ParsedAuthorization } | { ok: false; message: string };

/**
 * Parses the Authorization header. Refusals carry AWS's wording for an
 * incomplete signature (IncompleteSignature), naming each missing part.
 */
export function parseAuthorization(header: string): ParseResult {
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  if (algorithm !== ALGORITHM) return { ok: false, message: `Unsupported AWS 'algorithm': '${algorithm}'. Use ${ALGORITHM}.` };
  const params = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((p) => !params.get(p));
  if (missing.length > 0) return { ok: false, message: missing.map((p) => `Authorization header requires '${p}' parameter.`).join(' ') + ` Authorization=${algorithm}` };
  const scope = params.get('Credential')!.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request' || !/^\d{8}$/.test(scope[1]!) || scope.some((s) => s === '')) {
    return { ok: false, message: `Credential should be formatted as <access key id>/<yyyymmdd>/<region>/<service>/aws4_request, got '${params.get('Credential')}'.` };
  }
  return {
    ok: true,
    auth: {
      accessKeyId: scope[0]!,
      date: scope[1]!,
      region: scope[2]!,
      service: scope[3]!,
      signedHeaders: params.get('SignedHeaders')!.split(';').map((h) => h.trim().toLowerCase()),
      signature: params.get('Signature')!,
    },
  };
}
