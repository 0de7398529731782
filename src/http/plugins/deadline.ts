import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../kernel/index.ts';
import type { RequestDeadline } from '../types.ts';
import { sendError } from './errors.ts';

const SWEEP_MS = 50;

/**
 * The signal is made only when a handler asks for it, so cheap routes pay
 * nothing but an array slot; asking for it also hooks up client-disconnect.
 */
class LazyDeadline implements RequestDeadline {
  private controller: AbortController | undefined;
  /** Index in the in-flight list, -1 when not in it. */
  slot = -1;
  constructor(
    readonly at: number,
    readonly request: FastifyRequest,
    readonly reply: FastifyReply,
  ) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      // The response's close, not the request's: on Node 20 the request emits
      // 'close' as soon as its body has been read, while the client is still there.
      this.reply.raw.once('close', () => {
        if (!this.reply.raw.writableEnded) this.abort('client disconnected');
      });
    }
    return this.controller.signal;
  }

  abort(reason: string): void {
    if (this.controller && !this.controller.signal.aborted) this.controller.abort(new Error(reason));
  }
}

/**
 * The requests being timed, in an array whose entries know their index: adding
 * and removing cost no hashing of request objects, unlike a Map keyed by them.
 */
class Inflight {
  private readonly items: LazyDeadline[] = [];

  get size(): number {
    return this.items.length;
  }

  add(deadline: LazyDeadline): void {
    deadline.slot = this.items.length;
    this.items.push(deadline);
  }

  remove(deadline: LazyDeadline): void {
    const slot = deadline.slot;
    if (slot < 0) return;
    const last = this.items.pop()!;
    if (last !== deadline) {
      this.items[slot] = last;
      last.slot = slot;
    }
    deadline.slot = -1;
  }

  /** Visits every entry once; `visit` may remove the entry it is given. */
  forEach(visit: (deadline: LazyDeadline) => void): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const deadline = this.items[i];
      if (deadline) visit(deadline);
    }
  }
}

/**
 * Every route answers within `timeoutMs` (the 29 s API Gateway limit): at the
 * deadline the caller gets 504 and `request.deadline.signal` aborts, so
 * downstream work (an FM call) stops too. A client that disconnects aborts the
 * same signal. Streaming routes opt out with `config: { deadline: false }`.
 * One sweep timer serves all in-flight requests instead of a timer each.
 */
export function registerDeadline(app: FastifyInstance, timeoutMs: number, clock: Clock): void {
  const inflight = new Inflight();
  let timer: NodeJS.Timeout | undefined;

  const sweep = () => {
    const now = clock.now();
    inflight.forEach((deadline) => {
      const { request, reply } = deadline;
      if (reply.raw.writableEnded || reply.raw.destroyed) {
        inflight.remove(deadline);
      } else if (deadline.at <= now) {
        inflight.remove(deadline);
        deadline.abort('deadline exceeded');
        if (!reply.sent && !reply.raw.headersSent) {
          // A body still arriving would keep the socket busy after the 504 (Node drains
          // it to reuse the connection): close the connection once the answer is out.
          if (!request.raw.complete) reply.header('connection', 'close');
          sendError(request, reply, 504, 'DEADLINE_EXCEEDED', `the request did not complete within ${timeoutMs} ms`);
        }
      }
    });
    if (inflight.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  app.decorateRequest('deadline', undefined as never);
  app.addHook('onRequest', (request, reply, done) => {
    const deadline = new LazyDeadline(clock.now() + timeoutMs, request, reply);
    request.deadline = deadline;
    if (request.routeOptions.config?.deadline !== false) {
      inflight.add(deadline);
      if (!timer) {
        timer = setInterval(sweep, SWEEP_MS);
        timer.unref();
      }
    }
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    const deadline = request.deadline;
    if (deadline instanceof LazyDeadline) inflight.remove(deadline);
    done();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
}
