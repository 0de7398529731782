import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { Store } from '../../store/index.ts';
import { recordCatalogBatch } from './catalog/batches.ts';
import { ProductIndex, type InfoPassage } from './catalog/product-index.ts';
import { seedCatalogue } from './catalog/seed.ts';
import type { Classifiers, MangaContext } from './context.ts';
import { FUNCTIONS } from './functions.ts';
import { inferenceAnalytics } from './handlers/analytics.ts';
import { catalogUpdate } from './handlers/catalog-update.ts';
import { moderationAction } from './handlers/moderation-action.ts';
import { reviewSubmitted } from './handlers/moderation.ts';
import { paymentCompleted } from './handlers/payment.ts';
import { recommendationsRefresh } from './handlers/recommendations-refresh.ts';
import { mapCatalogBatch } from './inbound/catalog.ts';
import { mapReview } from './inbound/reviews.ts';
import { sentimentEnricher } from './inbound/sentiment.ts';
import { mapStripeEvent } from './inbound/stripe.ts';
import { INVENTORY_JOB, inventoryLowJob } from './inventory/job.ts';
import { createMailTransport } from './mail/nodemailer.ts';
import { MAIL_JOB, listOutbox, mailJob, type OutboxView } from './mail/outbox.ts';
import { adminRoutes } from './routes/admin.ts';
import { chatRoutes } from './routes/chat.ts';
import { chatWsTurn } from './routes/chat-ws.ts';
import { shopRoutes } from './routes/shop.ts';
import { mangaSettings, type MangaSettings } from './settings.ts';
import type { MangaBus, MangaFm, MangaWebhooks, ProductEmbedder, WsTurn } from './types.ts';

export interface MangaAssistDeps {
  /** The `manga:` section of hashi.yaml. */
  config: Record<string, unknown>;
  /** The data dir (the local mailbox lives under it). */
  dataDir: string;
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  bus: MangaBus;
  webhooks: MangaWebhooks;
  fm: MangaFm;
  /** Product vectors for hybrid search and similarity (stored with each product). */
  embedder: ProductEmbedder;
  /** fm's offline `sentiment` and `moderate`, the deterministic stand-ins when no model can judge. */
  classifiers: Classifiers;
}

export interface MangaAssist {
  readonly settings: MangaSettings;
  readonly products: ProductIndex;
  /** The HTTP routes (/manga/v1/…). */
  readonly routes: Array<(app: FastifyInstance) => Promise<void>>;
  /** Turn types for the gateway's WebSocket (`manga.chat`). */
  readonly wsTurns: WsTurn[];
  /** Loads a catalogue file into the store (what `hashi manga seed` runs). */
  seed(file?: string): Promise<{ products: number; embedded: number }>;
  /** Builds the product index from the store (otherwise built on first search). */
  warm(): Promise<void>;
  /** The newest messages of the mail outbox (what `hashi manga mail` lists). */
  outbox(limit: number): Promise<OutboxView[]>;
  close(): void;
}

function readInfo(file: string, logger: Logger): InfoPassage[] {
  if (file === '' || !existsSync(file)) return [];
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { passages?: InfoPassage[] };
    return (doc.passages ?? []).filter((p) => typeof p.id === 'string' && typeof p.text === 'string');
  } catch (err) {
    logger.warn({ err, file }, 'manga: store information unreadable; chat answers without it');
    return [];
  }
}

/**
 * MangaAssist, registered in one place: bus functions, webhook mappers and
 * the review enricher, job handlers, routes. Rules and subscriptions live in
 * hashi.yaml (see the README); everything else is handed in by main.ts.
 */
export function createMangaAssist(deps: MangaAssistDeps): MangaAssist {
  const settings = mangaSettings(deps.config);
  const products = new ProductIndex({ db: deps.store.db, clock: deps.clock, embedder: deps.embedder, refreshMs: 2000 }, readInfo(settings.storeInfo, deps.logger));
  const ctx: MangaContext = { settings, store: deps.store, queue: deps.queue, clock: deps.clock, logger: deps.logger, bus: deps.bus, fm: deps.fm, embedder: deps.embedder, classifiers: deps.classifiers, products };
  const transport = createMailTransport({ smtpUrl: settings.mail.smtpUrl, mailboxDir: join(deps.dataDir, settings.mail.mailbox) });

  deps.bus.registerFunction(FUNCTIONS.orderConfirmation, paymentCompleted(ctx));
  deps.bus.registerFunction(FUNCTIONS.reviewModeration, reviewSubmitted(ctx));
  deps.bus.registerFunction(FUNCTIONS.moderationAction, moderationAction(ctx));
  deps.bus.registerFunction(FUNCTIONS.catalogUpdate, catalogUpdate(ctx));
  deps.bus.registerFunction(FUNCTIONS.inferenceAnalytics, inferenceAnalytics(ctx));
  deps.bus.registerFunction(FUNCTIONS.recommendationsRefresh, recommendationsRefresh(ctx));

  const { payments, reviews, catalog } = settings.sources;
  if (payments) deps.webhooks.registerMapper(payments, (d) => mapStripeEvent(d.payload));
  if (reviews) {
    deps.webhooks.registerMapper(reviews, (d) => mapReview(d.payload, d.enrichment, (text) => deps.classifiers.sentiment(text).label));
    deps.webhooks.registerEnricher(reviews, sentimentEnricher(ctx));
  }
  if (catalog) {
    deps.webhooks.registerMapper(catalog, (d) =>
      mapCatalogBatch(d.payload, async (tx, batch) => {
        const counts = await recordCatalogBatch(tx, batch, deps.clock.now());
        if (counts.rejected + counts.failed > 0) deps.logger.warn({ batch: batch.batch_id, ...counts }, 'catalog batch partly refused');
      }),
    );
  }

  deps.queue.register(MAIL_JOB, mailJob({ store: deps.store, clock: deps.clock, logger: deps.logger, transport, from: settings.mail.from }));
  deps.queue.register(INVENTORY_JOB, inventoryLowJob(ctx));

  return {
    settings,
    products,
    routes: [chatRoutes(ctx), shopRoutes(ctx), adminRoutes(ctx)],
    wsTurns: [chatWsTurn(ctx)],
    seed: (file = settings.catalogue) =>
      seedCatalogue({ store: deps.store, clock: deps.clock, embedder: deps.embedder, defaultThreshold: settings.catalog.defaultStockThreshold }, file),
    warm: () => products.refresh(true),
    outbox: (limit) => listOutbox(deps.store.db, limit),
    close: () => transport.close(),
  };
}
