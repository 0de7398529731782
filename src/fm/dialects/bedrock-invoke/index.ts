import type { EventStreamHeaders } from '../bedrock-converse/frame.ts';
import { MalformedResponseError } from '../errors.ts';
import { isRecord, type Json } from '../shared/json.ts';
import type { WireFrame } from '../types.ts';

/**
 * Bedrock InvokeModel with the Anthropic Messages body: the same body and
 * the same stream events as the Anthropic API (so `anthropicMessages` builds,
 * parses and decodes it), with the model id in the URL, the API version in
 * the body, and each stream event wrapped in an eventstream `chunk`.
 */
export const BEDROCK_ANTHROPIC_VERSION = 'bedrock-2023-05-31';

/** An Anthropic Messages body → the InvokeModel body (no `model`, no `stream`: the URL says both). */
export function toInvokeBody(body: Json): Json {
  const { model: _model, stream: _stream, ...rest } = body;
  return { anthropic_version: BEDROCK_ANTHROPIC_VERSION, ...rest };
}

/**
 * One InvokeModelWithResponseStream eventstream message → the WireFrame the
 * Anthropic decoder reads: a `chunk` is unwrapped (base64 `bytes` → the
 * Anthropic event); an exception (`throttlingException`,
 * `modelStreamErrorException`…) becomes Anthropic's `error` event carrying
 * the Bedrock type, so the decoder raises UpstreamStreamError with it.
 */
export function invokeWireFrame(headers: EventStreamHeaders, payload: string): WireFrame {
  if (headers[':message-type'] === 'exception' || headers[':message-type'] === 'error') {
    const type = headers[':exception-type'] ?? 'unknownException';
    let message = `Bedrock stream ${type}`;
    try {
      const body: unknown = JSON.parse(payload);
      if (isRecord(body) && typeof body.message === 'string') message = body.message;
    } catch {
      // the type alone says what failed
    }
    return { event: 'error', data: JSON.stringify({ type: 'error', error: { type, message } }) };
  }
  let chunk: unknown;
  try {
    chunk = JSON.parse(payload);
  } catch (err) {
    throw new MalformedResponseError('InvokeModel stream chunk is not JSON', err);
  }
  if (!isRecord(chunk) || typeof chunk.bytes !== 'string') throw new MalformedResponseError(`InvokeModel stream ${headers[':event-type'] ?? ''} message has no bytes`);
  const data = Buffer.from(chunk.bytes, 'base64').toString('utf8');
  let type: unknown;
  try {
    type = (JSON.parse(data) as { type?: unknown }).type;
  } catch (err) {
    throw new MalformedResponseError('InvokeModel stream chunk does not hold a JSON event', err);
  }
  return typeof type === 'string' ? { event: type, data } : { data };
}
