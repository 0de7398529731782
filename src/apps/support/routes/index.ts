import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from './context.ts';
import { feedbackRoutes } from './feedback.ts';
import { kbRoutes } from './kb.ts';
import { streamRoutes } from './stream.ts';
import { ticketRoutes } from './tickets.ts';

export type { RouteDeps } from './context.ts';

/** Every Support Desk route, as one plugin for the HTTP edge. */
export function supportRoutes(deps: RouteDeps) {
  return async (app: FastifyInstance) => {
    await app.register(ticketRoutes(deps));
    await app.register(streamRoutes(deps));
    await app.register(feedbackRoutes(deps));
    await app.register(kbRoutes(deps));
  };
}
