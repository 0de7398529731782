import type { ServerResponse } from 'node:http';
import { constants, type Http2ServerResponse } from 'node:http2';

interface Pending {
  timer: NodeJS.Timeout;
  resolve: () => void;
}

/** Timers of every open exchange, so `close()` can release them all at once. */
export class TimerBag {
  private readonly pending = new Set<Pending>();

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const entry: Pending = {
        timer: setTimeout(() => {
          this.pending.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.pending.add(entry);
    });
  }

  releaseAll(): void {
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.resolve();
    }
    this.pending.clear();
  }
}

export type AnyResponse = ServerResponse | Http2ServerResponse;

// Hop-by-hop headers HTTP/2 forbids.
const H1_ONLY = ['connection', 'keep-alive', 'transfer-encoding'];

/**
 * One request/response pair over HTTP/1.1 or HTTP/2 (the Bedrock SDK speaks
 * h2); `closed` turns true when either side goes away.
 */
export class Exchange {
  closed = false;
  private readonly h2: boolean;

  constructor(
    readonly res: AnyResponse,
    private readonly timers: TimerBag,
  ) {
    this.h2 = 'stream' in res;
    res.on('close', () => {
      this.closed = true;
    });
  }

  get headersSent(): boolean {
    return this.res.headersSent;
  }

  sleep(ms: number): Promise<void> {
    return this.timers.sleep(ms);
  }

  writeHead(status: number, headers: Record<string, string>): void {
    if (this.closed) return;
    const out = { ...headers };
    if (this.h2) for (const h of H1_ONLY) delete out[h];
    this.res.writeHead(status, out);
  }

  write(chunk: string | Uint8Array): void {
    // Both response kinds accept string | Uint8Array; TS cannot call the union directly.
    if (!this.closed && chunk.length > 0) (this.res as ServerResponse).write(chunk);
  }

  /** Batches the writes of an unpaced stream into few packets (HTTP/1.1 only). */
  cork(): void {
    if (!this.h2) (this.res as ServerResponse).cork();
  }

  uncork(): void {
    if (!this.h2 && (this.res as ServerResponse).writableCorked) (this.res as ServerResponse).uncork();
  }

  end(chunk?: string | Uint8Array): void {
    if (this.closed) return;
    if (chunk === undefined) this.res.end();
    else this.res.end(chunk);
  }

  /** Before any response byte: a TCP reset (HTTP/1.1) or RST_STREAM (HTTP/2). */
  reset(): void {
    this.closed = true;
    if (this.h2) (this.res as Http2ServerResponse).stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    else (this.res as ServerResponse).socket?.resetAndDestroy();
  }

  /**
   * Mid-response: drop the connection once what was written has left the
   * process, so the client gets the first bytes and then loses the
   * connection (a TCP reset would let the kernel discard them).
   */
  cut(): void {
    this.closed = true;
    if (this.h2) {
      // nghttp2 hands frames to the socket asynchronously; give it a moment, then drop the session.
      const session = (this.res as Http2ServerResponse).stream.session;
      void this.timers.sleep(10).then(() => session?.destroy());
      return;
    }
    const socket = (this.res as ServerResponse).socket;
    if (!socket) return;
    if (socket.writableLength === 0) socket.destroy();
    else socket.once('drain', () => socket.destroy());
  }
}
