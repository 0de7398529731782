/** The part of a `ws` WebSocket the sender uses. */
export interface SendableSocket {
  readonly readyState: number;
  readonly bufferedAmount: number;
  send(data: string | Buffer, cb?: (err?: Error) => void): void;
}

const OPEN = 1;

/**
 * Sends one frame without letting a slow reader grow the buffer without
 * bound: while more than `maxBufferedBytes` is queued, the frame is sent and
 * the caller waits until it has been flushed to the network, so the caller
 * stops pulling tokens from upstream until the client catches up.
 * Resolves false when the socket is no longer open.
 */
export async function sendFrame(socket: SendableSocket, data: string, maxBufferedBytes: number): Promise<boolean> {
  if (socket.readyState !== OPEN) return false;
  if (socket.bufferedAmount <= maxBufferedBytes) {
    socket.send(data);
    return true;
  }
  return new Promise((resolve) => socket.send(data, (err) => resolve(!err)));
}
