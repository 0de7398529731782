import { EventStreamCodec } from '@smithy/eventstream-codec';
import type { WireFrame } from '../dialects/types.ts';
import { MalformedResponseError } from '../dialects/errors.ts';

const toUtf8 = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
const fromUtf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** One AWS eventstream message, mapped onto a WireFrame: its event (or exception) type and JSON payload. */
export interface EventStreamFrame extends WireFrame {
  /** `event`, or `exception` (a modelled error such as `throttlingException`), or `error` (unmodelled). */
  messageType: 'event' | 'exception' | 'error';
}

/**
 * An incremental decoder for `application/vnd.amazon.eventstream` (Bedrock's
 * ConverseStream and InvokeModelWithResponseStream): feed it body chunks,
 * get back whole messages. Each message's CRCs are checked by Smithy's codec
 * (the one the AWS SDK uses); a corrupt frame is a MalformedResponseError.
 */
export class EventStreamParser {
  private readonly codec = new EventStreamCodec(toUtf8, fromUtf8);
  private buffer: Buffer = Buffer.alloc(0);

  /**
   * The whole messages a chunk completes. A message that fails its checks
   * ends the stream: the messages before it are returned, and `failure`
   * holds the error for the caller to throw once it has handed them on.
   */
  push(chunk: Uint8Array): EventStreamFrame[] {
    if (this.failure) return [];
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    const frames: EventStreamFrame[] = [];
    try {
      while (this.buffer.length >= 4) {
        const total = this.buffer.readUInt32BE(0);
        if (total < 16) throw new MalformedResponseError(`eventstream message length ${total} is impossible`);
        if (this.buffer.length < total) break;
        const bytes = this.buffer.subarray(0, total);
        this.buffer = this.buffer.subarray(total);
        frames.push(this.frame(bytes));
      }
    } catch (err) {
      this.failure = err instanceof MalformedResponseError ? err : new MalformedResponseError('unreadable eventstream message', err);
    }
    return frames;
  }

  /** Set once a message failed to decode; nothing after it is read. */
  failure: MalformedResponseError | undefined;

  /** Bytes received after the last whole message. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  private frame(bytes: Uint8Array): EventStreamFrame {
    let message;
    try {
      message = this.codec.decode(bytes);
    } catch (err) {
      throw new MalformedResponseError('an eventstream message failed its checksum or could not be decoded', err);
    }
    const header = (name: string): string | undefined => {
      const h = message.headers[name];
      return h && h.type === 'string' ? h.value : undefined;
    };
    const data = toUtf8(message.body);
    const messageType = header(':message-type');
    if (messageType === 'exception') return { messageType: 'exception', event: header(':exception-type') ?? 'exception', data };
    if (messageType === 'error') {
      // Unmodelled errors carry their code and message in headers.
      const body = JSON.stringify({ message: header(':error-message') ?? 'unknown error' });
      return { messageType: 'error', event: header(':error-code') ?? 'error', data: body };
    }
    return { messageType: 'event', event: header(':event-type') ?? '', data };
  }
}
