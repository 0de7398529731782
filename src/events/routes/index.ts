import type { FastifyInstance } from 'fastify';
import type { Queue } from '../../queue/index.ts';
import type { EventBus } from '../event-bus.ts';
import { adminArchiveRoutes } from './admin-archives.ts';
import { adminEventRoutes } from './admin-events.ts';
import { adminRuleRoutes } from './admin-rules.ts';
import { putEventsRoute } from './put-events.ts';

/** Every route of the event bus, as one plugin for the HTTP edge. */
export function eventsRoutes(bus: EventBus, queue: Queue) {
  return async (app: FastifyInstance) => {
    await app.register(putEventsRoute(bus));
    await app.register(adminRuleRoutes(bus));
    await app.register(adminArchiveRoutes(bus));
    await app.register(adminEventRoutes(bus, queue));
  };
}
