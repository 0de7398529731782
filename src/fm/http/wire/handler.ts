import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ClientDialect } from '../../dialects/index.ts';
import type { PassThroughDialect } from '../../exchange/index.ts';
import { callScope } from '../call-scope.ts';
import type { FmRoutesDeps } from '../types.ts';
import { sendWireJson, sendWireStream } from './send.ts';

/** Largest wire request body (Anthropic's documented Messages limit): conversations carry images and documents. */
export const WIRE_BODY_LIMIT = 32 * 1024 * 1024;

export interface WireRouteOptions {
  dialect: PassThroughDialect;
  client: ClientDialect;
  /** Headers that travel with the body to a provider of the same dialect (Anthropic `anthropic-beta`). */
  betas?: (request: FastifyRequest) => string[] | undefined;
}

/**
 * The one handler of every wire-dialect chat route: the parsed body becomes
 * an exchange (pass-through or translation per candidate), the pipeline runs
 * it (auth and plan have run at the edge; budget, route, cache, resilience,
 * usage and events here), and the answer goes back as JSON or a stream.
 */
export function wireChatHandler(deps: FmRoutesDeps, options: WireRouteOptions) {
  const { gateway, clock } = deps;
  const scopeDeps = { clock, deadlineMs: gateway.deadlineMs };
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body as Record<string, unknown>;
    const length = Number(request.headers['content-length']);
    const betas = options.betas?.(request);
    const exchange = gateway.wire({
      dialect: options.dialect,
      body,
      ...(request.rawJson !== undefined ? { raw: request.rawJson } : {}),
      bodyBytes: Number.isFinite(length) && length > 0 ? length : JSON.stringify(body).length,
      ...(betas?.length ? { betas } : {}),
    });
    const scope = callScope(request, reply, scopeDeps, { skipCache: request.headers['x-hashi-skip-cache'] === 'true' });
    let opened;
    try {
      opened = await gateway.open(exchange, scope.ctx);
    } catch (err) {
      scope.dispose();
      throw err;
    }
    if (exchange.mode === 'stream') return sendWireStream(reply, opened, options.client, scope.dispose);
    try {
      return await sendWireJson(reply, opened);
    } finally {
      scope.dispose();
    }
  };
}
