import type { FastifyInstance } from 'fastify';
import { errorResponses, listOf, noContent } from '../../http/index.ts';
import type { EventBus } from '../event-bus.ts';
import type { ArchiveDefinition, ReplayRequest } from '../types.ts';
import { archiveInput, archiveSchema, replayInput, replaySchema } from './schemas.ts';

const admin = { auth: 'admin' } as const;

/** `/admin/events/archives` and `/admin/events/replays`. */
export function adminArchiveRoutes(bus: EventBus) {
  return async (app: FastifyInstance) => {
    app.get('/admin/events/archives', { config: admin, schema: { tags: ['admin'], summary: 'List archives with their event counts', response: { 200: listOf('Archives', archiveSchema) } } }, async () => ({ Archives: await bus.listArchives() }));
    app.get<{ Params: { name: string } }>('/admin/events/archives/:name', { config: admin, schema: { tags: ['admin'], summary: 'One archive', response: { 200: archiveSchema, ...errorResponses(404) } } }, async (request) =>
      bus.getArchive(request.params.name),
    );
    app.post<{ Body: ArchiveDefinition }>(
      '/admin/events/archives',
      {
        config: { ...admin, openapi: { body: archiveInput } },
        schema: { tags: ['admin'], summary: 'Create an archive: ArchiveName, EventBusName, EventPattern?, RetentionDays? (default 30, 0 = forever)', body: { type: 'object' }, response: { 201: archiveSchema, ...errorResponses(400, 409) } },
      },
      async (request, reply) => reply.code(201).send(await bus.createArchive(request.body)),
    );
    app.delete<{ Params: { name: string } }>(
      '/admin/events/archives/:name',
      { config: admin, schema: { tags: ['admin'], summary: 'Delete an archive and its events', response: { 204: noContent, ...errorResponses(404, 409) } } },
      async (request, reply) => {
        await bus.deleteArchive(request.params.name);
        return reply.code(204).send();
      },
    );
    app.post<{ Body: ReplayRequest }>(
      '/admin/events/replays',
      {
        config: { ...admin, openapi: { body: replayInput } },
        schema: {
          tags: ['admin'],
          summary: 'Start a replay: ReplayName, ArchiveName, EventStartTime, EventEndTime, Rules? (default: every rule of the bus)',
          body: { type: 'object', required: ['ReplayName', 'ArchiveName', 'EventStartTime', 'EventEndTime'] },
          response: { 202: replaySchema, ...errorResponses(400, 404, 409) },
        },
      },
      async (request, reply) => reply.code(202).send(await bus.startReplay(request.body)),
    );
    app.get('/admin/events/replays', { config: admin, schema: { tags: ['admin'], summary: 'List replays, newest first', response: { 200: listOf('Replays', replaySchema) } } }, async () => ({ Replays: await bus.listReplays() }));
    app.get<{ Params: { name: string } }>('/admin/events/replays/:name', { config: admin, schema: { tags: ['admin'], summary: 'A replay and its progress', response: { 200: replaySchema, ...errorResponses(404) } } }, async (request) =>
      bus.getReplay(request.params.name),
    );
  };
}
