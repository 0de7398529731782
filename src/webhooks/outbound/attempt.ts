import { request } from 'undici';
import { HashiError, describeError } from '../../kernel/index.ts';
import { parseRetryAfter } from './schedule.ts';
import { checkEndpoint, createPinnedAgent, type Lookup } from './ssrf.ts';

export interface AttemptRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Bytes of the response body to keep (the rest is discarded unread). */
  keepBytes: number;
  allow: readonly string[];
  lookup?: Lookup;
  /** Aborted on shutdown. */
  signal: AbortSignal;
  now: () => number;
}

export interface AttemptResult {
  ok: boolean;
  status?: number;
  /** At most `keepBytes` of the response body, as text. */
  responseBody?: string;
  /** Why it failed without a status (timeout, refused, network); never contains the URL's path. */
  error?: string;
  /** The SSRF guard refused the endpoint: retrying cannot help. */
  refused?: boolean;
  retryAfterMs?: number;
}

async function readSlice(body: AsyncIterable<Buffer> & { destroy(): void }, keep: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= keep) break;
  }
  body.destroy();
  return Buffer.concat(chunks).subarray(0, keep).toString('utf8');
}

/**
 * One POST: the SSRF guard right before it, a connection pinned to the checked
 * addresses, redirects not followed (a 3xx is a failure), a hard timeout over
 * the whole exchange, and a bounded slice of the response kept.
 */
export async function sendAttempt(req: AttemptRequest): Promise<AttemptResult> {
  let checked;
  try {
    checked = await checkEndpoint(req.url, { allow: req.allow, ...(req.lookup ? { lookup: req.lookup } : {}) });
  } catch (err) {
    const refused = err instanceof HashiError && err.code === 'WEBHOOK_ENDPOINT_REFUSED';
    return { ok: false, refused, error: describeError(err).message };
  }
  const timeout = AbortSignal.timeout(req.timeoutMs);
  const signal = AbortSignal.any([req.signal, timeout]);
  const agent = createPinnedAgent(checked, { connectTimeout: req.timeoutMs, headersTimeout: req.timeoutMs, bodyTimeout: req.timeoutMs });
  try {
    const res = await request(checked.url, { method: 'POST', dispatcher: agent, headers: req.headers, body: req.body, signal });
    const responseBody = await readSlice(res.body, req.keepBytes);
    const retryAfterMs = parseRetryAfter(res.headers['retry-after'], req.now());
    return { ok: res.statusCode >= 200 && res.statusCode < 300, status: res.statusCode, responseBody, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  } catch (err) {
    if (timeout.aborted) return { ok: false, error: `no response within ${req.timeoutMs} ms` };
    if (req.signal.aborted) return { ok: false, error: 'aborted: the worker is shutting down' };
    const e = err as { code?: string; message?: string };
    return { ok: false, error: `${e.code ?? 'network error'}: ${e.message ?? String(err)}`.slice(0, 500) };
  } finally {
    agent.destroy().catch(() => undefined);
  }
}
