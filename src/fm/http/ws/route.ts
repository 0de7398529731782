import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FmRoutesDeps } from '../types.ts';
import { ChatConnection, CLOSE } from './connection.ts';
import { compileTurnKinds } from './turn-kinds.ts';
import { webSocketDocs } from '../openapi.ts';
import { clientFrameSchemas } from './protocol.ts';

/**
 * WS /v1/chat/ws. The route authenticates after the upgrade (auth: 'none' at
 * the edge) so that a bad credential is a clean 1008 close a browser can see,
 * rather than an HTTP 401 on the handshake that it cannot. `deps.authenticate`
 * also takes the key as `?api_key=` (browsers cannot set WebSocket headers).
 */
export async function registerChatWebSocket(app: FastifyInstance, deps: FmRoutesDeps): Promise<void> {
  const ws = deps.ws ?? deps.gateway.config.websocket;
  const kinds = compileTurnKinds(deps.turnKinds ?? []);
  await app.register(websocket, {
    options: { maxPayload: ws.maxPayloadBytes ?? 8 * 1024 * 1024 },
    // A client that breaks the WebSocket protocol (an unmasked or reserved-bit frame, a bad
    // opcode, invalid UTF-8, a frame past maxPayload) gets ws's close code (1002, 1007, 1009):
    // its mistake, logged at debug. The plugin's default logged each one as an error with a
    // stack, so a fuzzer or a broken client filled the error log. Anything else stays an error.
    errorHandler(error: Error & { code?: string }, _socket: unknown, request: FastifyRequest) {
      if (error.code?.startsWith('WS_ERR_')) request.log.debug({ err: { code: error.code, message: error.message } }, 'websocket: the client broke the protocol');
      else request.log.error({ err: error }, 'websocket: connection failed');
    },
    // On shutdown, tell clients the server is going away (1001) rather than closing without a code.
    preClose(this: FastifyInstance, done: () => void) {
      for (const client of this.websocketServer.clients) client.close(CLOSE.goingAway, 'server shutting down');
      this.websocketServer.close();
      done();
    },
  });
  app.get('/v1/chat/ws', {
      websocket: true,
      config: { auth: 'none', deadline: false, rateLimit: false, openapi: webSocketDocs([...Object.values(clientFrameSchemas), ...[...kinds.values()].map((k) => k.schema)]) },
      schema: { tags: ['fm'], summary: 'Chat over WebSocket: chat turns (and apps’ own turn types) streamed as start, chunk…, complete' },
    }, (socket, request) => {
    new ChatConnection(socket, {
      gateway: deps.gateway,
      clock: deps.clock,
      authenticate: () => deps.authenticate(request),
      ...(deps.admit ? { admit: deps.admit } : {}),
      kinds,
      pingIntervalMs: ws.pingIntervalMs ?? 30_000,
      maxBufferedBytes: ws.maxBufferedBytes ?? 1024 * 1024,
    });
  });
}
