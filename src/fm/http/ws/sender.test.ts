import { describe, expect, it } from 'vitest';
import { FrameSender, type SendableSocket } from './sender.ts';

/** A stand-in for a `ws` socket whose network side the test controls: frames stay buffered until `flush()`. */
function slowSocket() {
  const pending: Array<{ size: number; cb?: (err?: Error) => void }> = [];
  const socket = {
    readyState: 1,
    sent: [] as string[],
    get bufferedAmount() {
      return pending.reduce((sum, p) => sum + p.size, 0);
    },
    send(data: string | Buffer, cb?: (err?: Error) => void) {
      this.sent.push(String(data));
      pending.push({ size: data.length, cb });
    },
    flush() {
      for (const p of pending.splice(0)) p.cb?.();
    },
  };
  return socket satisfies SendableSocket;
}

const tick = () => new Promise((r) => setImmediate(r));

describe('FrameSender', () => {
  it('sends at once while the buffer is under the limit', async () => {
    const socket = slowSocket();
    const sender = new FrameSender(socket, 100);

    await sender.send('a'.repeat(40));
    await sender.send('b'.repeat(40));

    expect(socket.sent).toHaveLength(2);
  });

  it('holds the next frame until the previous one is flushed once the buffer passes the limit', async () => {
    const socket = slowSocket();
    const sender = new FrameSender(socket, 100);
    await sender.send('a'.repeat(80));
    await sender.send('b'.repeat(80));

    let third = false;
    const sending = sender.send('c'.repeat(80)).then(() => (third = true));
    await tick();
    const beforeFlush = { third, sent: socket.sent.length, buffered: socket.bufferedAmount };
    socket.flush();
    await sending;

    expect(beforeFlush).toEqual({ third: false, sent: 2, buffered: 160 });
    expect(socket.sent).toHaveLength(3);
  });

  it('reports a closed socket instead of sending', async () => {
    const socket = slowSocket();
    socket.readyState = 3;

    expect(await new FrameSender(socket, 100).send('c')).toBe(false);
    expect(socket.sent).toEqual([]);
  });
});
