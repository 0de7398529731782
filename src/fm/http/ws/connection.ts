import { performance } from 'node:perf_hooks';
import type { RawData, WebSocket } from 'ws';
import { HashiError, type Clock } from '../../../kernel/index.ts';
import type { FmGateway } from '../../gateway.ts';
import type { GatewayContext, GatewayStream } from '../../pipeline/index.ts';
import type { AttemptMeter } from '../../resilience/index.ts';
import { startPayload, summary } from '../chat-response.ts';
import { toGatewayRequest } from '../chat-request.ts';
import type { ImageInput } from '../chat-schema.ts';
import { wireError } from '../errors.ts';
import type { Caller } from '../types.ts';
import { parseClientMessage, type ClientMessage } from './protocol.ts';
import { FrameSender } from './sender.ts';
import type { CompiledTurnKind } from './turn-kinds.ts';

type ChatMessage = Extract<ClientMessage, { type: 'chat' }>;

export const CLOSE = { normal: 1000, goingAway: 1001, policy: 1008, error: 1011 } as const;

export interface ConnectionDeps {
  gateway: FmGateway;
  clock: Clock;
  authenticate: () => Promise<Caller>;
  /** Charges one turn to the caller's usage plan; throws (429) when it is spent. */
  admit?: (caller: Caller) => Promise<void>;
  /** Apps' own turn types (e.g. `manga.chat`), run with the same protocol as `chat`. */
  kinds?: ReadonlyMap<string, CompiledTurnKind>;
  pingIntervalMs: number;
  maxBufferedBytes: number;
}

interface Turn {
  id: string;
  controller: AbortController;
}

const CANCELLED = 'cancelled by the client';

/**
 * One chat WebSocket: authenticates, then runs turns one at a time — each
 * streamed as `start`, `chunk`…, `complete` (or `error` / `cancelled`).
 * Frames are handled in arrival order; a turn runs beside that order so a
 * `cancel` can reach it. Keep-alive pings terminate a peer that stopped
 * answering; closing the socket aborts the turn's upstream call.
 */
export class ChatConnection {
  private chain: Promise<void>;
  private caller: Caller | undefined;
  private turn: Turn | undefined;
  private awaiting: { message: ChatMessage; images: ImageInput[]; next: number } | undefined;
  private turns = 0;
  private alive = true;
  private readonly pinger: NodeJS.Timeout;
  private readonly sender: FrameSender;

  constructor(private readonly socket: WebSocket, private readonly deps: ConnectionDeps) {
    socket.on('message', (data, isBinary) => this.enqueue(() => this.onFrame(data, isBinary)));
    socket.on('pong', () => (this.alive = true));
    socket.on('close', () => this.onClose());
    socket.on('error', () => undefined);
    this.pinger = setInterval(() => this.keepAlive(), deps.pingIntervalMs);
    this.pinger.unref();
    this.sender = new FrameSender(socket, deps.maxBufferedBytes);
    this.chain = Promise.resolve();
    this.enqueue(() => this.authenticate());
  }

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch((err: unknown) => this.close(CLOSE.error, `internal error: ${(err as Error).message}`.slice(0, 120)));
  }

  private async authenticate(): Promise<void> {
    try {
      this.caller = await this.deps.authenticate();
    } catch (err) {
      const message = err instanceof HashiError ? err.message : 'authentication failed';
      this.close(CLOSE.policy, message.slice(0, 120));
      return;
    }
    await this.send({ type: 'ready', tenant: this.caller.tenant });
  }

  private async onFrame(data: RawData, isBinary: boolean): Promise<void> {
    if (!this.caller) return;
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
    if (isBinary) return this.onImage(bytes);
    if (this.awaiting) {
      const missing = this.awaiting.images.length - this.awaiting.next;
      this.awaiting = undefined;
      await this.send({ type: 'error', code: 'VALIDATION_FAILED', message: `expected ${missing} more binary image frame(s); the announced turn was dropped` });
    }
    let message: ClientMessage;
    try {
      message = parseClientMessage(bytes.toString('utf8'), this.deps.kinds);
    } catch (err) {
      await this.send({ type: 'error', ...wireError(err) });
      return;
    }
    if (message.type === 'ping') await this.send({ type: 'pong' });
    else if (message.type === 'cancel') await this.cancel();
    else if (this.turn) await this.send({ type: 'error', id: message.type === 'app' ? message.frame.id : message.id, status: 409, code: 'CONFLICT', message: 'a turn is in progress: wait for it, or send {"type":"cancel"}' });
    else if (message.type === 'app') this.startTurn(message.frame.id as string | undefined, (turn) => this.runAppTurn(turn, message.kind, message.frame));
    else this.onChat(message);
  }

  private onChat(message: ChatMessage): void {
    const images = (message.images ?? []).map((i) => ({ media_type: i.media_type, data: i.data ?? '' }));
    const next = images.findIndex((i) => i.data === '');
    if (next >= 0) this.awaiting = { message, images, next };
    else this.startTurn(message.id, (turn) => this.runTurn(turn, message, images));
  }

  private async onImage(bytes: Buffer): Promise<void> {
    const awaiting = this.awaiting;
    if (!awaiting) {
      this.close(CLOSE.policy, 'binary frame without a chat message announcing it');
      return;
    }
    awaiting.images[awaiting.next]!.data = bytes.toString('base64');
    awaiting.next = awaiting.images.findIndex((i) => i.data === '');
    if (awaiting.next >= 0) return;
    this.awaiting = undefined;
    this.startTurn(awaiting.message.id, (turn) => this.runTurn(turn, awaiting.message, awaiting.images));
  }

  private async cancel(): Promise<void> {
    if (this.awaiting) {
      const id = this.awaiting.message.id;
      this.awaiting = undefined;
      await this.send({ type: 'cancelled', id });
      return;
    }
    if (!this.turn) {
      await this.send({ type: 'error', status: 404, code: 'NOT_FOUND', message: 'no turn in progress' });
      return;
    }
    this.turn.controller.abort(new Error(CANCELLED));
  }

  /** Starts a turn beside the frame order (so `cancel` can reach it), once the usage plan admits it. */
  private startTurn(id: string | undefined, run: (turn: Turn) => Promise<void>): void {
    const turn: Turn = { id: id ?? `turn_${++this.turns}`, controller: new AbortController() };
    this.turn = turn;
    void this.admitAndRun(turn, run)
      .catch((err: unknown) => this.close(CLOSE.error, `internal error: ${(err as Error).message}`.slice(0, 120)))
      .finally(() => {
        if (this.turn === turn) this.turn = undefined;
      });
  }

  private async admitAndRun(turn: Turn, run: (turn: Turn) => Promise<void>): Promise<void> {
    if (this.deps.admit) {
      try {
        await this.deps.admit(this.caller!);
      } catch (err) {
        await this.endTurn(turn, err);
        return;
      }
    }
    await run(turn);
  }

  /** An app's turn: its events become `start`, `chunk`… and `complete` frames with the turn's id. */
  private async runAppTurn(turn: Turn, kind: CompiledTurnKind, frame: Record<string, unknown>): Promise<void> {
    const { type: _type, id: _id, ...fields } = frame;
    const events = kind.kind.run(fields, this.caller!, turn.controller.signal)[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        const next = await events.next();
        if (next.done) throw new HashiError('FM_STREAM_INTERRUPTED', `the ${kind.kind.type} turn ended without completing`, { status: 502 });
        const event = next.value;
        if (event.type === 'chunk') {
          if (!(await this.send({ type: 'chunk', id: turn.id, text: event.text }))) return;
        } else if (event.type === 'start') {
          if (!(await this.send({ ...event.data, type: 'start', id: turn.id }))) return;
        } else {
          finished = true;
          await this.send({ ...event.data, type: 'complete', id: turn.id });
          return;
        }
      }
    } catch (err) {
      finished = true;
      await this.endTurn(turn, err);
    } finally {
      if (!finished) await events.return?.().catch(() => undefined);
    }
  }

  private async runTurn(turn: Turn, message: ChatMessage, images: ImageInput[]): Promise<void> {
    const { gateway, clock } = this.deps;
    const started = performance.now();
    const meter: AttemptMeter = { attempts: 0, providerWaitMs: 0 };
    let stream: GatewayStream;
    try {
      const { type: _t, id: _id, images: _i, ...body } = message;
      const request = toGatewayRequest({ ...body, ...(images.length ? { images } : {}) });
      const ctx: GatewayContext = { tenant: this.caller!.tenant, keyId: this.caller!.keyId, deadline: clock.now() + gateway.deadlineMs, signal: turn.controller.signal, meter };
      if (message.session_id) ctx.sessionId = message.session_id;
      if (message.skip_cache) ctx.skipCache = true;
      stream = await gateway.chatStream(request, ctx);
    } catch (err) {
      await this.endTurn(turn, err);
      return;
    }
    let finished = false;
    try {
      if (!(await this.send({ type: 'start', ...startPayload(turn.id, stream.meta, message.session_id) }))) return;
      for (;;) {
        const next = await stream.next();
        if (next.done) throw new HashiError('FM_STREAM_INTERRUPTED', 'The model stream ended without its final event', { status: 502 });
        const event = next.value;
        if (event.type === 'delta') {
          if (!(await this.send({ type: 'chunk', id: turn.id, text: event.text }))) return;
          continue;
        }
        finished = true;
        const overheadMs = Math.max(0, Math.round((performance.now() - started - meter.providerWaitMs) * 100) / 100);
        await this.send({ type: 'complete', id: turn.id, ...summary(event), overhead_ms: overheadMs, ...(message.session_id ? { session_id: message.session_id } : {}) });
        return;
      }
    } catch (err) {
      finished = true;
      await this.endTurn(turn, err);
    } finally {
      if (!finished) await stream.return().catch(() => undefined);
    }
  }

  private async endTurn(turn: Turn, err: unknown): Promise<void> {
    const reason = turn.controller.signal.reason as Error | undefined;
    if (turn.controller.signal.aborted && reason?.message === CANCELLED) await this.send({ type: 'cancelled', id: turn.id });
    else await this.send({ type: 'error', id: turn.id, ...wireError(err) });
  }

  private send(message: Record<string, unknown>): Promise<boolean> {
    return this.sender.send(JSON.stringify(message));
  }

  private keepAlive(): void {
    if (!this.alive) {
      this.socket.terminate();
      return;
    }
    this.alive = false;
    if (this.socket.readyState === this.socket.OPEN) this.socket.ping();
  }

  private close(code: number, reason: string): void {
    if (this.socket.readyState === this.socket.OPEN || this.socket.readyState === this.socket.CONNECTING) this.socket.close(code, reason);
  }

  private onClose(): void {
    clearInterval(this.pinger);
    this.awaiting = undefined;
    this.turn?.controller.abort(new Error('connection closed'));
  }
}
