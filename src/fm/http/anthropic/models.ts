/**
 * GET /v1/models in Anthropic's shape, for callers that speak Anthropic (the
 * `@anthropic-ai/sdk` sends `anthropic-version` on every request; the OpenAI
 * clients never do): `{data: [{type: 'model', id, display_name, created_at}],
 * has_more, first_id, last_id}`. One page: a catalog is small.
 */
import type { FastifyRequest } from 'fastify';

/** Catalog entries carry no release date; the epoch says "unknown" in a field the SDK types as a date-time. */
const CREATED_AT = '1970-01-01T00:00:00Z';

export const speaksAnthropic = (request: FastifyRequest): boolean => request.headers['anthropic-version'] !== undefined;

export function anthropicModel(id: string) {
  return { type: 'model', id, display_name: id, created_at: CREATED_AT };
}

export function anthropicModelList(ids: string[]) {
  return { data: ids.map(anthropicModel), has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null };
}

/** Both shapes, for the route's response schema (the edge checks responses in tests). */
export const anthropicModelProperties = { type: { type: 'string' }, display_name: { type: 'string' }, created_at: { type: 'string' } } as const;
export const anthropicListProperties = { has_more: { type: 'boolean' }, first_id: { type: ['string', 'null'] }, last_id: { type: ['string', 'null'] } } as const;
