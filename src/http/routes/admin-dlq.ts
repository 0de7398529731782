import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../kernel/index.ts';
import type { DlqFilter, Queue } from '../../queue/index.ts';
import { anyJson, errorResponses, openObject } from '../schemas.ts';

const deadJobSchema = openObject(
  {
    id: { type: 'string' },
    type: { type: 'string', description: 'The job type (e.g. `events.target`, `webhooks.deliver`).' },
    payload: anyJson,
    attempts: { type: 'integer' },
    errors: { type: 'array', items: openObject({ attempt: { type: 'integer' }, at: { type: 'number' }, code: { type: 'string' }, message: { type: 'string' } }) },
    meta: { type: 'object', additionalProperties: true, description: 'Context kept with the job (rule, target, …).' },
    reason: { enum: ['permanent', 'exhausted', 'expired', 'lease_expired'] },
    createdAt: { type: 'number', description: 'ms epoch' },
    deadAt: { type: 'number', description: 'ms epoch' },
  },
  { title: 'DeadJob' },
);

const filterSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ids: { type: 'array', items: { type: 'string' } },
    type: { type: 'string' },
    reason: { enum: ['permanent', 'exhausted', 'expired', 'lease_expired'] },
    since: { type: 'string', format: 'date-time' },
    until: { type: 'string', format: 'date-time' },
    limit: { type: 'integer', minimum: 1, maximum: 1000 },
  },
} as const;

type FilterInput = { ids?: string[]; type?: string; reason?: DlqFilter['reason']; since?: string; until?: string; limit?: number };

function toFilter(input: FilterInput): DlqFilter {
  return {
    ...(input.ids ? { ids: input.ids } : {}),
    ...(input.type ? { type: input.type } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.since ? { since: Date.parse(input.since) } : {}),
    ...(input.until ? { until: Date.parse(input.until) } : {}),
    ...(input.limit ? { limit: input.limit } : {}),
  };
}

export function adminDlqRoutes(queue: Queue) {
  return async (app: FastifyInstance) => {
    app.get<{ Querystring: FilterInput }>(
      '/admin/dlq',
      {
        config: { auth: 'admin' },
        schema: {
          tags: ['admin'],
          summary: 'List dead-lettered jobs',
          querystring: { ...filterSchema, properties: { ...filterSchema.properties, ids: { type: 'string', description: 'Comma-separated job ids.' } } },
          response: { 200: openObject({ jobs: { type: 'array', items: deadJobSchema } }) },
        },
      },
      async (request) => {
        const q = request.query as FilterInput & { ids?: string | string[] };
        const ids = typeof q.ids === 'string' ? q.ids.split(',') : q.ids;
        return { jobs: await queue.listDead(toFilter({ ...q, ...(ids ? { ids } : {}), limit: q.limit ?? 100 })) };
      },
    );
    app.get<{ Params: { id: string } }>('/admin/dlq/:id', { config: { auth: 'admin' }, schema: { tags: ['admin'], summary: 'One dead-lettered job', response: { 200: deadJobSchema, ...errorResponses(404) } } }, async (request) => {
      const job = await queue.getDead(request.params.id);
      if (!job) throw new NotFoundError('DLQ_NOT_FOUND', `no dead-lettered job ${request.params.id}`);
      return job;
    });
    app.post<{ Body: FilterInput & { all?: boolean } }>(
      '/admin/dlq/redrive',
      {
        config: { auth: 'admin' },
        schema: {
          tags: ['admin'],
          summary: 'Re-deliver dead-lettered jobs: by ids, by filter, or all (`{"all": true}`)',
          body: { ...filterSchema, properties: { ...filterSchema.properties, all: { type: 'boolean' } } },
          response: {
            200: openObject({
              redriven: { type: 'array', items: { type: 'string' }, description: 'Ids of the jobs queued again.' },
              note: { type: 'string', description: 'Why nothing was redriven, when nothing was selected.' },
            }),
          },
        },
      },
      async (request) => {
        const { all, ...rest } = request.body ?? {};
        const filter = toFilter(rest);
        if (!all && Object.keys(filter).length === 0) {
          return { redriven: [], note: 'nothing selected: pass ids, a filter, or {"all": true}' };
        }
        return { redriven: await queue.redrive(filter) };
      },
    );
  };
}
