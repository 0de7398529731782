import type { FastifyInstance } from 'fastify';
import { chatRoutes } from './chat-routes.ts';
import { anthropicRoutes } from './anthropic/routes.ts';
import { openAIRoutes } from './openai/routes.ts';
import { registerOverheadHeader } from './overhead.ts';
import { sessionRoutes } from './session-routes.ts';
import type { FmRoutePlugin, FmRoutesDeps } from './types.ts';
import { usageRoutes } from './usage-routes.ts';
import { registerChatWebSocket } from './ws/route.ts';

export type { Caller, FmRoutePlugin, FmRoutesDeps, WebSocketOptions } from './types.ts';
export type { WsTurnKind, WsTurnEvent } from './ws/turn-kinds.ts';

/**
 * Every fm route, for the edge's `routes` list: /v1/chat (+ SSE), /v1/chat/ws,
 * /v1/sessions/:id, /v1/usage, /admin/usage, the OpenAI-compatible
 * /v1/chat/completions and /v1/models, and the Anthropic Messages API
 * /v1/messages (+ count_tokens). All carry `x-hashi-overhead-ms`.
 */
export function fmRoutes(deps: FmRoutesDeps): FmRoutePlugin {
  return async (app: FastifyInstance) => {
    registerOverheadHeader(app);
    await registerChatWebSocket(app, deps);
    chatRoutes(app, deps);
    sessionRoutes(app, deps);
    usageRoutes(app, deps);
    await app.register(openAIRoutes(deps));
    await app.register(anthropicRoutes(deps));
  };
}
