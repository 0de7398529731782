import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../kernel/index.ts';
import type { WebSocketOptions } from '../config.ts';
import type { FmGateway } from '../gateway.ts';

/** A route plugin as the HTTP edge registers it (declared here: fm does not import http). */
export type FmRoutePlugin = (app: FastifyInstance) => Promise<void>;

/** Who is calling: the part of the edge's principal the fm routes use. */
export interface Caller {
  keyId: string;
  tenant: string;
  admin: boolean;
}

export type { WebSocketOptions };

export interface FmRoutesDeps {
  gateway: FmGateway;
  clock: Clock;
  /**
   * Authenticates a WebSocket upgrade with the edge's own schemes (the WS
   * route authenticates itself so that a refusal is a 1008 close, and so the
   * key may come as `?api_key=` from browsers).
   */
  authenticate: (request: FastifyRequest) => Promise<Caller>;
  /** Default: the gateway's `fm.websocket` settings. */
  ws?: WebSocketOptions;
}

export function callerOf(request: FastifyRequest): Caller {
  const p = request.principal!;
  return { keyId: p.keyId, tenant: p.tenant, admin: p.admin };
}
