import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Clock } from '../../kernel/index.ts';
import type { WebSocketOptions } from '../config.ts';
import type { FmGateway } from '../gateway.ts';
import type { WsTurnKind } from './ws/turn-kinds.ts';

/** A route plugin as the HTTP edge registers it (declared here: fm does not import http). */
export type FmRoutePlugin = (app: FastifyInstance) => Promise<void>;

/** Who is calling: the part of the edge's principal the fm routes use. */
export interface Caller {
  keyId: string;
  tenant: string;
  admin: boolean;
  /** The usage plan (the WebSocket charges each turn to it through `admit`). */
  plan?: string;
  /** The end customer, when the credential names one. */
  customerId?: string;
}

export type { WebSocketOptions };

export interface FmRoutesDeps {
  gateway: FmGateway;
  clock: Clock;
  /**
   * Authenticates a WebSocket upgrade with the edge's own schemes (the WS
   * route authenticates itself so that a refusal is a 1008 close). Browsers
   * cannot set headers on a WebSocket, so it must also take `?api_key=`.
   */
  authenticate: (request: FastifyRequest) => Promise<Caller>;
  /** Default: the gateway's `fm.websocket` settings. */
  ws?: WebSocketOptions;
  /**
   * Charges one WebSocket turn to the caller's usage plan (the HTTP routes are
   * charged per request by the edge); throws a LimitError when it is spent.
   */
  admit?: (caller: Caller) => Promise<void>;
  /** Apps' own turn types on `/v1/chat/ws` (e.g. MangaAssist's `manga.chat`). */
  turnKinds?: readonly WsTurnKind[];
}

export function callerOf(request: FastifyRequest): Caller {
  const p = request.principal!;
  return { keyId: p.keyId, tenant: p.tenant, admin: p.admin, plan: p.plan, ...(p.customerId !== undefined ? { customerId: p.customerId } : {}) };
}
