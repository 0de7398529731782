import WebSocket from 'ws';

/** A test WebSocket client that queues JSON messages and lets a test await them in order. */
export class WsTestClient {
  readonly messages: any[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data, isBinary) => {
      if (!isBinary) this.messages.push(JSON.parse(String(data)));
      for (const w of this.waiters.splice(0)) w();
    });
    this.closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  }

  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<WsTestClient> {
    const socket = new WebSocket(url, options);
    const client = new WsTestClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return client;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Resolves with the first message (from `from`) matching `predicate`. */
  async waitFor(predicate: (m: any) => boolean, from = 0, timeoutMs = 10_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; got ${JSON.stringify(this.messages.slice(from)).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** Messages of one turn, once it has ended (complete, error or cancelled). */
  async turn(id: string): Promise<any[]> {
    await this.waitFor((m) => m.id === id && ['complete', 'error', 'cancelled'].includes(m.type));
    return this.messages.filter((m) => m.id === id);
  }
}
