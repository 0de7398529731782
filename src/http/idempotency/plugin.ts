import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, ValidationError, hashOf, type Clock } from '../../kernel/index.ts';
import type { IdempotencyStore } from './store.ts';

export interface IdempotencySettings {
  ttlMs: number;
  /** A claim older than this whose holder never finished may be taken over. */
  lockMs: number;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
// Response headers worth replaying; the rest (date, request id, rate limits) belong to the new request.
const REPLAYED_HEADERS = ['content-type', 'location'];

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Honour the `Idempotency-Key` header on this route. */
    idempotency?: boolean;
  }
  interface FastifyRequest {
    idempotency?: { scope: string; key: string };
  }
}

/**
 * `Idempotency-Key` for routes that opt in: the first request with a key runs
 * and its response (status, body, Location) is kept for `ttlMs`; a repeat with
 * the same body gets that response again (`Idempotent-Replayed: true`); the
 * same key with another body is 422; a repeat while the first runs is 409.
 * Keys are scoped per caller (tenant + key id) and route. A 5xx answer releases
 * the key so the retry runs. Runs after validation, so invalid bodies never
 * claim a key.
 */
export function registerIdempotency(app: FastifyInstance, store: IdempotencyStore, settings: IdempotencySettings, clock: Clock): void {
  const claimKey = async (request: FastifyRequest, reply: FastifyReply, header: string | string[]) => {
    const key = Array.isArray(header) ? header[0]! : header;
    if (!KEY_PATTERN.test(key)) throw new ValidationError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–255 visible ASCII characters');
    const p = request.principal;
    const scope = `${p?.tenant ?? '-'}|${p?.customerId ?? p?.keyId ?? '-'}|${request.method} ${request.routeOptions.url}`;
    const requestHash = hashOf({ params: request.params ?? null, body: request.body ?? null });
    const outcome = await store.claim({ scope, key, requestHash, now: clock.now(), ttlMs: settings.ttlMs, lockMs: settings.lockMs });
    if (outcome.kind === 'mismatch') {
      throw new ValidationError('IDEMPOTENCY_KEY_MISMATCH', 'this Idempotency-Key was already used with a different request body', { status: 422 });
    }
    if (outcome.kind === 'in_progress') {
      throw new ConflictError('IDEMPOTENCY_IN_PROGRESS', 'a request with this Idempotency-Key is still being processed; retry shortly', { retryAfterSeconds: 1 });
    }
    if (outcome.kind === 'replay') return replay(reply, outcome.response);
    request.idempotency = { scope, key };
    return undefined;
  };

  // Callback-style hooks that return at once for the many requests without a
  // key: an async hook would cost every route a promise and a microtask.
  app.addHook('preHandler', (request, reply, done) => {
    const header = request.headers['idempotency-key'];
    if (header === undefined || !request.routeOptions.config?.idempotency) return done();
    claimKey(request, reply, header).then(() => done(), done);
  });

  const finish = async (request: FastifyRequest, reply: FastifyReply, payload: unknown, claim: { scope: string; key: string }) => {
    if (reply.statusCode >= 500) {
      await store.release(claim.scope, claim.key);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const v = reply.getHeader(name);
      if (v !== undefined) headers[name] = String(v);
    }
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : JSON.stringify(payload ?? null);
    await store.complete(claim.scope, claim.key, { statusCode: reply.statusCode, headers, body });
    return payload;
  };

  app.addHook('onSend', (request, reply, payload, done) => {
    const claim = request.idempotency;
    if (!claim) return done(null, payload);
    request.idempotency = undefined;
    finish(request, reply, payload, claim).then((p) => done(null, p), done);
  });

  // A request that dies without answering (client gone mid-handler) must not keep the key.
  app.addHook('onRequestAbort', async (request) => {
    const claim = request.idempotency;
    if (claim) await store.release(claim.scope, claim.key);
  });
}

function replay(reply: FastifyReply, response: { statusCode: number; headers: Record<string, string>; body: string }): FastifyReply {
  for (const [k, v] of Object.entries(response.headers)) reply.header(k, v);
  reply.header('idempotent-replayed', 'true');
  return reply.code(response.statusCode).send(response.body);
}
