import { EventStreamCodec } from '@smithy/eventstream-codec';

/**
 * AWS event-stream framing (application/vnd.amazon.eventstream): prelude,
 * headers, payload, CRCs — encoded by the same codec the SDK decodes with.
 * The utf8 helpers are the two-line equivalents of @smithy/util-utf8's.
 */
const toUtf8 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
const fromUtf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

export class EventStreamWriter {
  private readonly codec = new EventStreamCodec(toUtf8, fromUtf8);

  event(eventType: string, payload: unknown): Uint8Array {
    return this.codec.encode({
      headers: {
        ':event-type': { type: 'string', value: eventType },
        ':content-type': { type: 'string', value: 'application/json' },
        ':message-type': { type: 'string', value: 'event' },
      },
      body: fromUtf8(JSON.stringify(payload)),
    });
  }

  /** A modelled exception; `memberName` is the union member, e.g. `throttlingException`. */
  exception(memberName: string, message: string): Uint8Array {
    return this.codec.encode({
      headers: {
        ':exception-type': { type: 'string', value: memberName },
        ':content-type': { type: 'string', value: 'application/json' },
        ':message-type': { type: 'string', value: 'exception' },
      },
      body: fromUtf8(JSON.stringify({ message })),
    });
  }

  /** A well-formed frame with one payload byte flipped, so its message CRC fails. */
  corrupt(eventType: string): Uint8Array {
    const frame = Uint8Array.from(this.event(eventType, { contentBlockIndex: 0, delta: { text: 'garbled' } }));
    const at = frame.length - 6;
    frame[at] = frame[at]! ^ 0xff;
    return frame;
  }
}

export function concatFrames(frames: Uint8Array[]): Buffer {
  return Buffer.concat(frames);
}
