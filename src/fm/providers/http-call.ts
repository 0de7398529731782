import type { Clock } from '../../kernel/index.ts';
import { UpstreamStreamError } from '../dialects/errors.ts';
import { EventStreamParser, type EventStreamFrame } from '../transport/eventstream.ts';
import { headerValue, type HttpAnswer, type HttpClient } from '../transport/http.ts';
import { SseParser } from '../transport/sse.ts';
import { badResponse, connectionError, fromAbort, fromUpstream, parseRetryAfterMs, timeoutError } from './classify.ts';
import { ProviderError } from './errors.ts';
import type { RawFrame, WireAnswer } from './port.ts';

/** Error bodies are kept up to this size (they are only ever handed back to the caller who caused them). */
const MAX_ERROR_BODY = 64 * 1024;

/** How a provider frames streamed answers. */
export type Framing =
  | 'sse'
  /** AWS eventstream, one event per message (ConverseStream). */
  | 'eventstream'
  /** AWS eventstream whose `chunk` events carry base64 JSON (InvokeModelWithResponseStream): unwrapped into SSE frames. */
  | 'eventstream-chunks';

/** The upstream's own error type and message, read from a non-2xx answer (each dialect words it differently). */
export type ErrorReader = (headers: HttpAnswer['headers'], body: string) => { type?: string; message?: string };

export interface PostOptions {
  provider: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  stream: boolean;
  framing: Framing;
  signal: AbortSignal;
  readError: ErrorReader;
  clock: Clock;
}

/**
 * One call to a provider over its pool: a 2xx comes back as its bytes (JSON
 * text, or frames as they arrive), anything else as a ProviderError carrying
 * the upstream status, its error type and Retry-After.
 */
export async function post(client: HttpClient, o: PostOptions): Promise<WireAnswer> {
  let res: HttpAnswer;
  try {
    res = await client.request({ path: o.path, headers: o.headers, body: o.body, signal: o.signal });
  } catch (err) {
    throw transportFailure(o.provider, err, o.signal);
  }
  if (res.status < 200 || res.status >= 300) throw await httpFailure(o, res);
  if (!o.stream) {
    try {
      return { kind: 'json', text: await res.body.text() };
    } catch (err) {
      throw transportFailure(o.provider, err, o.signal);
    }
  }
  return { kind: 'stream', batches: frameBatches(res, o) };
}

async function httpFailure(o: PostOptions, res: HttpAnswer): Promise<ProviderError> {
  const text = await res.body.text().catch(() => '');
  const { type, message } = o.readError(res.headers, text);
  return fromUpstream({
    provider: o.provider,
    status: res.status,
    upstreamType: type,
    message: message ?? `HTTP ${res.status}`,
    retryAfterMs: parseRetryAfterMs((h) => headerValue(res.headers, h), o.clock.now()),
    upstreamBody: text.length > MAX_ERROR_BODY ? text.slice(0, MAX_ERROR_BODY) : text,
  });
}

/** Socket-level failures: our own aborts keep their meaning, the rest are connection or timeout failures. */
export function transportFailure(provider: string, err: unknown, signal: AbortSignal): ProviderError {
  if (err instanceof ProviderError) return err;
  if (signal.aborted) return fromAbort(provider, signal, err);
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return timeoutError(provider, err);
  return connectionError(provider, err);
}

/** Response body chunks → batches of frames; every chunk that completes frames yields one batch. */
async function* frameBatches(res: HttpAnswer, o: PostOptions): AsyncGenerator<RawFrame[], undefined> {
  const body = res.body;
  try {
    if (o.framing === 'sse') {
      const parser = new SseParser();
      body.setEncoding('utf8');
      for await (const chunk of body as AsyncIterable<string>) {
        const frames = parser.push(chunk);
        if (frames.length > 0) yield frames;
      }
      return undefined;
    }
    const parser = new EventStreamParser();
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const frames = parser.push(chunk);
      if (frames.length === 0 && !parser.failure) continue;
      // The frames before an in-stream exception still reach the caller, then the exception does.
      const good: RawFrame[] = [];
      let failure: UpstreamStreamError | undefined;
      for (const frame of frames) {
        if (frame.messageType !== 'event') {
          failure = new UpstreamStreamError(frame.event, messageOf(frame.data));
          break;
        }
        good.push(o.framing === 'eventstream' ? { event: frame.event, data: frame.data } : chunkFrame(frame));
      }
      if (good.length > 0) yield good;
      if (failure) throw failure;
      if (parser.failure) throw parser.failure;
    }
    if (parser.pendingBytes > 0) throw badResponse(o.provider, new Error('the event stream ended inside a message'));
    return undefined;
  } catch (err) {
    if (err instanceof UpstreamStreamError || err instanceof ProviderError) throw err;
    if ((err as { code?: unknown }).code === 'FM_PROVIDER_BAD_RESPONSE') throw err;
    if (err instanceof SyntaxError) throw badResponse(o.provider, err);
    throw transportFailure(o.provider, err, o.signal);
  } finally {
    if (!body.destroyed) body.destroy();
  }
}

/** InvokeModelWithResponseStream: `{"bytes": base64(<Anthropic stream event JSON>)}` → that event as SSE. */
function chunkFrame(frame: EventStreamFrame): RawFrame {
  const { bytes } = JSON.parse(frame.data) as { bytes?: string };
  const data = Buffer.from(bytes ?? '', 'base64').toString('utf8');
  const type = (JSON.parse(data) as { type?: unknown }).type;
  return typeof type !== 'string' ? { data, raw: `data: ${data}\n\n` } : { event: type, data, raw: `event: ${type}\ndata: ${data}\n\n` };
}

function messageOf(data: string): string {
  try {
    const m = (JSON.parse(data) as { message?: unknown }).message;
    return typeof m === 'string' ? m : data;
  } catch {
    return data;
  }
}
