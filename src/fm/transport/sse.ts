import type { WireFrame } from '../dialects/types.ts';

/** A server-sent event as read off the wire: its fields, and its own text (what pass-through forwards). */
export interface SseFrame extends WireFrame {
  /** The event's text as received, ending with its blank line. */
  raw: string;
}

/**
 * An incremental SSE parser (the WHATWG event-stream format): feed it text
 * chunks as they arrive, get back the events they complete. Lines end with
 * LF, CRLF or CR; `data:` lines join with LF; comments (`:`) and unknown
 * fields are kept in `raw` but carry no data; an event with no `data:` line
 * is not dispatched (as in the browser's EventSource).
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseFrame[] {
    this.buffer += chunk;
    const frames: SseFrame[] = [];
    let start = 0;
    for (;;) {
      const end = eventEnd(this.buffer, start);
      if (end === -1) break;
      const raw = this.buffer.slice(start, end);
      const frame = parseEvent(raw);
      if (frame) frames.push(frame);
      start = end;
    }
    if (start > 0) this.buffer = this.buffer.slice(start);
    return frames;
  }

  /** Text received after the last complete event (a stream that ended mid-event). */
  get pending(): string {
    return this.buffer;
  }
}

/** The index just past the blank line ending the event that starts at `from`, or -1. */
function eventEnd(text: string, from: number): number {
  // Fast path: servers overwhelmingly use LF only.
  if (text.indexOf('\r', from) === -1) {
    const lf = text.indexOf('\n\n', from);
    return lf === -1 ? -1 : lf + 2;
  }
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const next = lineBreakEnd(text, i);
    if (next === -1 || next >= text.length) return -1;
    const c2 = text.charCodeAt(next);
    if (c2 === 10 || c2 === 13) return lineBreakEnd(text, next);
    i = next - 1;
  }
  return -1;
}

/** The index after the line break at `i` (CRLF counts as one), or -1 when a CR ends the buffer (an LF may follow). */
function lineBreakEnd(text: string, i: number): number {
  if (text.charCodeAt(i) === 13) {
    if (i + 1 >= text.length) return -1;
    return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return i + 1;
}

function parseEvent(raw: string): SseFrame | undefined {
  let event: string | undefined;
  let data: string | undefined;
  for (const line of raw.split(/\r\n|\r|\n/)) {
    if (line === '' || line.charCodeAt(0) === 58 /* : */) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    else if (field === 'event') event = value;
  }
  if (data === undefined) return undefined;
  return event === undefined ? { data, raw } : { event, data, raw };
}

/** One SSE event's text. */
export function sseEvent(data: string, event?: string): string {
  return event === undefined ? `data: ${data}\n\n` : `event: ${event}\ndata: ${data}\n\n`;
}
