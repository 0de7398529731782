import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../kernel/index.ts';
import type { DlqFilter, Queue } from '../../queue/index.ts';

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
      { config: { auth: 'admin' }, schema: { tags: ['admin'], summary: 'List dead-lettered jobs', querystring: { ...filterSchema, properties: { ...filterSchema.properties, ids: { type: 'string' } } } } },
      async (request) => {
        const q = request.query as FilterInput & { ids?: string | string[] };
        const ids = typeof q.ids === 'string' ? q.ids.split(',') : q.ids;
        return { jobs: await queue.listDead(toFilter({ ...q, ...(ids ? { ids } : {}), limit: q.limit ?? 100 })) };
      },
    );
    app.get<{ Params: { id: string } }>('/admin/dlq/:id', { config: { auth: 'admin' }, schema: { tags: ['admin'], summary: 'One dead-lettered job' } }, async (request) => {
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
