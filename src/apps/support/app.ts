import type { FastifyInstance } from 'fastify';
import { isHashiError, type Clock } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Queue } from '../../queue/index.ts';
import { createKnowledgeIndex, type Embedder } from '../../search/index.ts';
import type { Store } from '../../store/index.ts';
import { readKbSource } from './kb/read-source.ts';
import { KbRepository } from './kb/repository.ts';
import { KnowledgeBase, type IngestProgress, type IngestResult } from './kb/knowledge-base.ts';
import { supportRoutes } from './routes/index.ts';
import { supportRules } from './rules.ts';
import { supportSettings, type SupportSettings } from './settings.ts';
import { TicketRepository } from './tickets/repository.ts';
import { TicketService } from './tickets/service.ts';
import type { SolutionModel, SupportBus } from './types.ts';
import { LiveSolutions } from './workflow/live.ts';
import { PURGE_FUNCTION, purgeTickets, type PurgeResult } from './workflow/purge.ts';
import { SOLVE_JOB, solveHandler } from './workflow/solve.ts';
import { START_FUNCTION, startSolution } from './workflow/start.ts';

export interface SupportDeskDeps {
  /** The `support:` section of hashi.yaml. */
  config: Record<string, unknown>;
  store: Store;
  queue: Queue;
  bus: SupportBus;
  /** The FM gateway (or anything shaped like its `stream`). */
  fm: SolutionModel;
  clock: Clock;
  logger: Logger;
  /** server.publicUrl, for Location headers. */
  publicUrl?: string;
  /** Embeddings for the vector side of search; default: the search module's offline embedder. */
  embedder?: Embedder;
}

export interface SupportDesk {
  readonly settings: SupportSettings;
  readonly kb: KnowledgeBase;
  readonly tickets: TicketService;
  /** The HTTP routes (/support/v1/…, /admin/support/…). */
  readonly routes: (app: FastifyInstance) => Promise<void>;
  /** Puts the app's rules; call after `events.init()` so hashi.yaml rules of the same name win. */
  init(): Promise<void>;
  /** Builds the knowledge-base index from the store (otherwise built on first use). */
  warm(): Promise<void>;
  /** Reads a folder or .jsonl file and ingests it (what `hashi kb ingest` runs). */
  ingestPath(path: string, progress?: IngestProgress): Promise<IngestResult>;
  purge(): Promise<PurgeResult>;
}

/**
 * Support Desk, registered in one place: its job handler, its bus functions,
 * its rules and its routes. Everything it needs is handed in by main.ts.
 */
export function createSupportDesk(deps: SupportDeskDeps): SupportDesk {
  const settings = supportSettings(deps.config);
  const { store, clock, bus, queue } = deps;
  const repo = new TicketRepository(store.db);
  const index = createKnowledgeIndex({ fusion: { method: settings.kb.fusion }, ...(deps.embedder ? { embedder: deps.embedder } : {}) });
  const kb = new KnowledgeBase(new KbRepository(store), index, clock, settings.kb.refreshMs);
  const live = new LiveSolutions();
  const tickets = new TicketService({ store, bus, clock, repo, settings });
  const purge = () => purgeTickets({ store, bus, clock, repo, settings });

  // A claimed job must stay invisible for longer than one generation may take, or a second
  // worker would start the same ticket (and bill it) while the first is still streaming.
  const visibilityTimeoutMs = Math.max(queue.settingsFor(SOLVE_JOB).visibilityTimeoutMs, settings.workflow.timeoutMs + 30_000);
  queue.register(SOLVE_JOB, solveHandler({ store, bus, clock, repo, kb, fm: deps.fm, live, settings, logger: deps.logger }), { visibilityTimeoutMs });
  bus.registerFunction(START_FUNCTION, startSolution(queue, settings));
  bus.registerFunction(PURGE_FUNCTION, async () => {
    const result = await purge();
    deps.logger.info({ ...result }, 'support purge done');
  });

  return {
    settings,
    kb,
    tickets,
    routes: supportRoutes({ tickets, repo, kb, live, settings, publicUrl: (deps.publicUrl ?? '').replace(/\/$/, '') }),
    async init() {
      for (const rule of supportRules(settings)) {
        try {
          await bus.putRule(rule);
        } catch (err) {
          // Defined in hashi.yaml: the operator's version stands.
          if (isHashiError(err) && err.code === 'EVENT_RULE_MANAGED') continue;
          throw err;
        }
      }
    },
    warm: () => kb.sync(true),
    async ingestPath(path, progress) {
      return kb.ingest(await readKbSource(path), `file:${path}`, progress);
    },
    purge,
  };
}
