import { describe, expect, it } from 'vitest';
import { sendFrame, type SendableSocket } from './sender.ts';

/** A stand-in for a `ws` socket whose network side is controlled by the test. */
function slowSocket(buffered: number) {
  const pending: Array<(err?: Error) => void> = [];
  const socket: SendableSocket & { sent: string[]; flush(): void; bufferedAmount: number; readyState: number } = {
    readyState: 1,
    bufferedAmount: buffered,
    sent: [],
    send(data, cb) {
      this.sent.push(String(data));
      if (cb) pending.push(cb);
    },
    flush() {
      for (const cb of pending.splice(0)) cb();
    },
  };
  return socket;
}

describe('sendFrame', () => {
  it('sends without waiting while the buffer is under the limit', async () => {
    const socket = slowSocket(10);

    const sent = await sendFrame(socket, 'a', 100);

    expect([sent, socket.sent]).toEqual([true, ['a']]);
  });

  it('waits for the frame to be flushed while the buffer is over the limit', async () => {
    const socket = slowSocket(500);
    let settled = false;

    const sending = sendFrame(socket, 'b', 100).then((ok) => (settled = ok));
    await new Promise((r) => setImmediate(r));
    const settledBeforeFlush = settled;
    socket.flush();
    await sending;

    expect([settledBeforeFlush, settled]).toEqual([false, true]);
  });

  it('reports a closed socket instead of sending', async () => {
    const socket = slowSocket(0);
    socket.readyState = 3;

    expect(await sendFrame(socket, 'c', 100)).toBe(false);
    expect(socket.sent).toEqual([]);
  });
});
