import { Pool } from 'undici';
import type { Dispatcher } from 'undici';

export interface HttpClientOptions {
  /** Sockets kept to this origin. Default 128 (a busy gateway's concurrency, not a queue). */
  connections?: number;
  /** Per-call socket timeout: headers, and the gap between body chunks. The gateway's own timeouts usually fire first. */
  timeoutMs?: number;
}

export interface HttpCall {
  method?: 'POST' | 'GET';
  /** Path and query, appended to the origin's base path. */
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  signal: AbortSignal;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Dispatcher.ResponseData['body'];
}

/**
 * One keep-alive connection pool per provider origin (undici): the FM hot
 * path's only HTTP client. No SDK sits on it — request bodies are the wire
 * JSON, response bodies are read as bytes — so pass-through costs what a
 * bare proxy costs. Retries are the resilience layer's, never the pool's.
 */
export class HttpClient {
  readonly origin: string;
  private readonly basePath: string;
  private readonly pool: Pool;
  private readonly timeoutMs: number;

  constructor(baseUrl: string, options: HttpClientOptions = {}) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 600_000;
    this.pool = new Pool(this.origin, {
      connections: options.connections ?? 128,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  /** The path as sent: the base path (e.g. `/v1`) plus the call's path. */
  pathOf(path: string): string {
    return this.basePath + path;
  }

  async request(call: HttpCall): Promise<HttpAnswer> {
    const res = await this.pool.request({
      origin: this.origin,
      path: this.basePath + call.path,
      method: call.method ?? 'POST',
      headers: call.headers,
      body: call.body ?? null,
      signal: call.signal,
    });
    return { status: res.statusCode, headers: res.headers, body: res.body };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/** A header's value as one string (undici gives repeated headers as arrays). */
export function headerValue(headers: HttpAnswer['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}
