import { maskSignature, redactHeaders } from '../../kernel/index.ts';
import type { IncomingHeaders, SourceDefinition } from './types.ts';

export { maskSignature };

/**
 * A copy of `headers` safe to store with a delivery or to log: the kernel's
 * one redaction (`redactHeaders`: secrets such as Authorization or
 * x-admin-key become `[redacted]`, signatures of every scheme are truncated),
 * with the source's own signature header counted as a signature too (a
 * generic `hmac` source may name it anything).
 */
export function maskHeaders(headers: IncomingHeaders, def?: SourceDefinition): Record<string, string | string[]> {
  return redactHeaders(headers, def?.hmac?.signatureHeader !== undefined ? [def.hmac.signatureHeader] : []);
}
