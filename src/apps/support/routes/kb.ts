import type { FastifyInstance } from 'fastify';
import { errorResponses, noContent } from '../../../http/index.ts';
import { NotFoundError } from '../../../kernel/index.ts';
import type { SearchMode } from '../../../search/index.ts';
import { checkKbDoc } from '../kb/doc.ts';
import { checkUniqueIds } from '../kb/parse.ts';
import kbDocumentsSchema from '../schemas/kb-documents.schema.json' with { type: 'json' };
import kbSearchSchema from '../schemas/kb-search.schema.json' with { type: 'json' };
import { PREFIX, type RouteDeps } from './context.ts';
import { ingestResultSchema, kbStatsSchema, searchResponseSchema } from './response-schemas.ts';

interface SearchBody {
  query: string;
  filters: { product_model?: string; product_type?: string; error_code?: string; doc_type?: string[] };
  max_results: number;
  mode?: SearchMode;
}

/** POST /kb/search for callers; ingest, delete and stats under /admin/support/kb for operators. */
export function kbRoutes(deps: RouteDeps) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: SearchBody }>(
      `${PREFIX}/kb/search`,
      {
        config: { auth: 'key' },
        schema: {
          tags: ['support'],
          summary: 'Hybrid search of the knowledge base (filters before ranking, highlighted snippets)',
          body: structuredClone(kbSearchSchema),
          response: { 200: searchResponseSchema, ...errorResponses(400, 401, 429) },
        },
      },
      async (request) => {
        const { query, filters, max_results: maxResults, mode } = request.body;
        const found = await deps.kb.search({ query, filters, maxResults, ...(mode ? { mode } : {}) });
        return { query, mode: found.mode, total_results: found.results.length, results: found.results, ...(found.degraded ? { degraded: found.degraded } : {}) };
      },
    );

    app.post<{ Body: { documents: unknown[] } }>(
      '/admin/support/kb/documents',
      {
        config: { auth: 'admin' },
        bodyLimit: 16 * 1024 * 1024,
        schema: {
          tags: ['admin'],
          summary: 'Add or replace knowledge-base documents by id (up to 500 per call)',
          body: structuredClone(kbDocumentsSchema),
          response: { 200: ingestResultSchema, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const docs = request.body.documents.map((d, i) => ({ doc: checkKbDoc(d, `documents[${i}]`), where: `documents[${i}]` }));
        checkUniqueIds(docs);
        return deps.kb.ingest(
          docs.map((d) => d.doc),
          `api:${request.principal!.keyId}`,
        );
      },
    );

    app.delete<{ Params: { id: string } }>(
      '/admin/support/kb/documents/:id',
      { config: { auth: 'admin' }, schema: { tags: ['admin'], summary: 'Delete a knowledge-base document', response: { 204: noContent, ...errorResponses(401, 403, 404) } } },
      async (request, reply) => {
        if (!(await deps.kb.remove(request.params.id))) throw new NotFoundError('KB_DOCUMENT_NOT_FOUND', `no knowledge-base document ${request.params.id}`);
        return reply.code(204).send();
      },
    );

    app.get('/admin/support/kb', { config: { auth: 'admin' }, schema: { tags: ['admin'], summary: 'Knowledge-base size and revision on this replica', response: { 200: kbStatsSchema } } }, async () => {
      await deps.kb.sync(true);
      return deps.kb.stats();
    });
  };
}
