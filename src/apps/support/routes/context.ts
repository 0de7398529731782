import type { FastifyRequest } from 'fastify';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { SupportSettings } from '../settings.ts';
import type { TicketRepository } from '../tickets/repository.ts';
import type { TicketService } from '../tickets/service.ts';
import type { Caller } from '../types.ts';
import type { LiveSolutions } from '../workflow/live.ts';

/** What the routes are handed by the app. */
export interface RouteDeps {
  tickets: TicketService;
  repo: TicketRepository;
  kb: KnowledgeBase;
  live: LiveSolutions;
  settings: SupportSettings;
  /** server.publicUrl ('' → relative Location headers). */
  publicUrl: string;
}

export const PREFIX = '/support/v1';

/** The caller as the edge resolved it; every `auth: 'key'` route has a principal. */
export function callerOf(request: FastifyRequest): Caller {
  const p = request.principal!;
  return { tenant: p.tenant, keyId: p.keyId, ...(p.customerId !== undefined ? { customerId: p.customerId } : {}) };
}
