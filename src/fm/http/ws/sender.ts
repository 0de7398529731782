/** The part of a `ws` WebSocket the sender uses. */
export interface SendableSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string | Buffer, cb?: (err?: Error) => void): void;
}

const OPEN = 1;

/**
 * Sends frames without letting a slow reader grow the buffer without bound:
 * while more than `maxBufferedBytes` is queued, the next frame waits until
 * the previous one has been flushed to the network — so the caller stops
 * pulling tokens from upstream until the client catches up, and at most
 * `maxBufferedBytes` plus one frame is ever held for a connection.
 */
export class FrameSender {
  private lastFlush: Promise<void> = Promise.resolve();

  constructor(private readonly socket: SendableSocket, private readonly maxBufferedBytes: number) {}

  /** Resolves false when the socket is no longer open. */
  async send(data: string): Promise<boolean> {
    if (this.socket.readyState !== OPEN) return false;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) await this.lastFlush;
    if (this.socket.readyState !== OPEN) return false;
    this.lastFlush = new Promise((resolve) => this.socket.send(data, () => resolve()));
    return true;
  }
}
