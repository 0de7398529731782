import type { WireFrame } from '../types.ts';

/** The headers of one AWS eventstream message that say what it is. */
export interface EventStreamHeaders {
  ':message-type'?: string;
  ':event-type'?: string;
  ':exception-type'?: string;
}

/**
 * One ConverseStream eventstream message → the WireFrame the decoder reads:
 * an event message is `{event: :event-type, data: payload}`, an exception
 * message `{event: :exception-type, data: payload}` (member names such as
 * `throttlingException`, which the decoder turns into UpstreamStreamError).
 * The transport decodes the binary framing and calls this.
 */
export function converseWireFrame(headers: EventStreamHeaders, payload: string): WireFrame {
  const kind = headers[':message-type'];
  if (kind === 'exception') return { event: headers[':exception-type'] ?? 'unknownException', data: payload };
  if (kind === 'error') return { event: 'unknownException', data: payload };
  return { event: headers[':event-type'] ?? '', data: payload };
}
