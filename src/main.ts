import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createCacheBackend, type CacheBackend } from './cache/index.ts';
import type { HashiConfig } from './config/index.ts';
import { buildServer, adminAwsKeyRoutes, adminDlqRoutes, adminKeyRoutes, createPlanGate, IdempotencyStore, presentQueryKey, idempotencyMigrations, bearerToken, cachedScheme, chooseScheme, jwtScheme, signedRequestScheme, type AuthScheme, type RoutePlugin } from './http/index.ts';
import { EventBus, eventsMigrations, eventsRoutes } from './events/index.ts';
import { systemClock, type Clock } from './kernel/index.ts';
import { AwsKeyRepository, KeyRepository, accountFor, apiKeyScheme, keysMigrations, openSecretBox, type SecretBox } from './keys/index.ts';
import { Sqs, sqsMigrations } from './sqs/index.ts';
import { awsAuthenticator, awsRoutes, type AwsAuthenticator } from './aws/index.ts';
import { Observer, createLogger, createMetrics, startMemoryGovernor, type Logger, type Metrics } from './observability/index.ts';
import { Queue, queueMigrations } from './queue/index.ts';
import { openStore, type MigrationSet, type Store } from './store/index.ts';
import { VERSION } from './version.ts';
import { createFmGateway, fmMigrations, fmRoutes, publishToBus, type FmConfig, type FmGateway } from './fm/index.ts';
import { Webhooks, webhooksMigrations, type SubscriptionConfig, type WebhookSourceConfig } from './webhooks/index.ts';
import { createSupportDesk, supportMigrations, type SupportDesk } from './apps/support/index.ts';
import { createMangaAssist, mangaMigrations, type MangaAssist } from './apps/manga/index.ts';
import { moderate, offlineEmbed, sentiment, OFFLINE_EMBED_DIMS, OFFLINE_EMBED_MODEL } from './fm/index.ts';

export interface CreateOptions {
  clock?: Clock;
  logger?: Logger;
  /** Run migrations on open (serve and worker do; `hashi migrate` does it explicitly). */
  migrate?: boolean;
  /** Build the HTTP edge (false for `hashi worker` and CLI commands). */
  http?: boolean;
  /**
   * Apply hashi.yaml's managed resources to the store: subscriptions (and their
   * secrets), rules and schedules, archives, SQS queues, the apps' rules and the
   * recurring purge job. `serve`, `worker` and `hashi apply` do (default); every
   * other CLI command works on what is stored, so one run from a shell whose
   * environment resolves `${…}` differently changes nothing the servers use.
   */
  apply?: boolean;
}

export interface Hashi {
  config: HashiConfig;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  observer: Observer;
  store: Store;
  cache: CacheBackend;
  queue: Queue;
  keys: KeyRepository;
  /** AWS access keys (SigV4) for the EventBridge and SQS front door. */
  awsKeys: AwsKeyRepository;
  /** Verifies SigV4; `invalidate` after revoking an AWS key. */
  awsAuth: AwsAuthenticator;
  /** The event bus: PutEvents, rules, targets, archives, schedules. */
  events: EventBus;
  /** SQS queues on the store (the AWS SQS API and `queue:` targets). */
  sqs: Sqs;
  /** Inbound webhooks (POST /webhooks/:source), the delivery log, outbound subscriptions. */
  webhooks: Webhooks;
  /** The FM gateway: chat, streams, embeddings, usage, sessions and budgets (the apps call it). */
  fm: FmGateway;
  /** The Support Desk app (undefined when support.enabled is false). */
  support: SupportDesk | undefined;
  /** The MangaAssist app (undefined when manga.enabled is false). */
  manga: MangaAssist | undefined;
  /** Present when built with `http: true`. */
  app: FastifyInstance | undefined;
  /** Listens on server.host:port and starts workers; resolves to the URL. */
  listen(): Promise<string>;
  startWorkers(): void;
  /** Stop accepting, finish in-flight requests and jobs (bounded), close the store. */
  stop(): Promise<void>;
}

/** Every capability's migrations, in one set (numbered in per-capability ranges). */
export const allMigrations: MigrationSet = { ...keysMigrations, ...idempotencyMigrations, ...queueMigrations, ...eventsMigrations, ...sqsMigrations, ...webhooksMigrations, ...supportMigrations, ...fmMigrations, ...mangaMigrations };

/**
 * The composition root: store → cache → queue → keys → (capabilities) → HTTP.
 * Nothing else constructs these; tests call this with their own config.
 */
export async function createHashi(config: HashiConfig, options: CreateOptions = {}): Promise<Hashi> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ level: config.log.level });
  const metrics = createMetrics({ defaults: options.http ?? false });
  const observer = new Observer(logger);
  observer.on('job:completed', (e) => metrics.jobsProcessed.inc({ type: e.type, outcome: 'completed' }));
  observer.on('job:failed', (e) => e.willRetry && metrics.jobsProcessed.inc({ type: e.type, outcome: 'retried' }));
  observer.on('job:dead', (e) => metrics.jobsProcessed.inc({ type: e.type, outcome: 'dead' }));

  const store = await openStore({ url: config.store.url, dataDir: config.dataDir, schema: config.store.schema, poolSize: config.store.poolSize });
  const closers: Array<() => Promise<void>> = [() => store.close()];
  try {
    if (options.migrate ?? true) await store.migrate(allMigrations);
    const cache = await createCacheBackend(config.cache, clock);
    closers.unshift(() => cache.close());
    const queue = new Queue({ store, clock, settings: config.queue, logger: logger.child({ component: 'queue' }), observer });
    // Capabilities register target kinds and functions on `events` before `events.init()` below.
    const events = new EventBus({ store, queue, clock, logger: logger.child({ component: 'events' }), metrics, settings: config.events });
    const keys = new KeyRepository(store.db, clock, Object.keys(config.plans));
    // SQS queues; the bus's `queue:` targets (and SQS-ARN targets) send into them.
    const sqs = new Sqs({ store, clock, logger: logger.child({ component: 'sqs' }), region: events.identity.region, systemAccount: events.identity.account, settings: config.sqs });
    sqs.attachBus(events);
    const awsKeys = new AwsKeyRepository(store.db, clock, Object.keys(config.plans), lazySecretBox(config, store, logger));
    const awsAuth = awsAuthenticator({
      keys: awsKeys,
      cache: cache.cache,
      cacheTtlMs: config.auth.cacheTtlMs,
      clock,
      logger,
      region: events.identity.region,
      systemAccount: events.identity.account,
      accounts: config.aws.accounts,
      allowUnsigned: config.aws.allowUnsigned,
      unsignedTenant: config.aws.unsignedTenant,
    });
    const keyScheme = apiKeyScheme(keys, cache.cache, config.auth.cacheTtlMs);
    const authSchemes = buildAuthSchemes(config, clock, cache, keyScheme);
    const idempotencyRecords = new IdempotencyStore(store.db);

    const routes: RoutePlugin[] = [adminKeyRoutes(keys, keyScheme.invalidate), adminDlqRoutes(queue)];
    routes.push(adminAwsKeyRoutes(awsKeys, awsAuth.invalidate, (tenant) => accountFor(tenant, config.aws.accounts, events.identity.account)));
    routes.push(eventsRoutes(events, queue));
    if (config.aws.enabled) routes.push(awsRoutes({ events, sqs, auth: awsAuth, planGate: createPlanGate(config.plans, cache.counter, clock), publicUrl: config.server.publicUrl }));
    // Webhooks publish accepted deliveries into the bus and register its `http` target kind (one rule per subscription).
    const webhooks = new Webhooks({
      store,
      queue,
      clock,
      logger,
      observer,
      publisher: events,
      sources: config.sources as unknown as Record<string, WebhookSourceConfig>,
      subscriptions: config.subscriptions as unknown as SubscriptionConfig[],
      settings: config.webhooks,
    });
    const apply = options.apply ?? true;
    if (apply) await webhooks.start();
    await webhooks.attachBus(events, { apply });
    routes.push(...webhooks.routes());
    // FM gateway: InferenceCompleted (and canary/circuit events) go to the bus as source hashi.fm; a failed publish never fails a call.
    const fm = createFmGateway({
      config: config.fm as FmConfig,
      store,
      clock,
      cache: cache.cache,
      publish: publishToBus(events, { transaction: (work) => store.transaction(work) }),
      logger: logger.child({ component: 'fm' }),
      deadlineMs: config.server.requestTimeoutMs,
    });
    closers.unshift(() => fm.close());
    // Apps: each registers its routes, bus functions, rules and job handlers in one place.
    const supportKb = (config.support as { kb?: { embeddings?: string; embeddingDimensions?: number } }).kb;
    const support = config.support.enabled === false
      ? undefined
      : createSupportDesk({
          config: config.support,
          store,
          queue,
          bus: events,
          fm,
          clock,
          logger: logger.child({ component: 'support' }),
          publicUrl: config.server.publicUrl,
          ...(supportKb?.embeddings === 'provider' ? { embedder: await providerEmbedder(fm, supportKb.embeddingDimensions) } : {}),
        });
    if (support) routes.push(support.routes);
    // MangaAssist: bus functions, webhook mappers (for the sources named in manga.sources), jobs and routes; its rules and subscriptions are in hashi.yaml.
    const manga = config.manga.enabled === false
      ? undefined
      : createMangaAssist({
          config: config.manga,
          dataDir: config.dataDir,
          store,
          queue,
          clock,
          logger: logger.child({ component: 'manga' }),
          bus: events,
          webhooks,
          fm,
          embedder: { model: OFFLINE_EMBED_MODEL, dimensions: OFFLINE_EMBED_DIMS, embed: async (texts) => texts.map(offlineEmbed) },
          classifiers: { sentiment, moderate },
        });
    if (manga) routes.push(...manga.routes);
    // The gateway's routes, with the apps' own WebSocket turn types (manga.chat) on /v1/chat/ws.
    // Each WebSocket turn is charged to the caller's usage plan like one HTTP request (same counters).
    const planGate = createPlanGate(config.plans, cache.counter, clock);
    routes.push(
      fmRoutes({
        gateway: fm,
        clock,
        authenticate: async (request) => {
          const principal = await authenticateWith(authSchemes, presentQueryKey(request));
          planGate.checkAddress(principal, request.ip);
          return principal;
        },
        admit: async (caller) => void (await planGate.admit({ keyId: caller.keyId, plan: caller.plan ?? 'default', admin: caller.admin })),
        turnKinds: manga?.wsTurns ?? [],
      }),
    );
    if (manga) closers.unshift(async () => manga.close());
    const app = options.http
      ? await buildServer({
          config,
          clock,
          logger,
          metrics,
          counter: cache.counter,
          authSchemes,
          idempotency: { store: idempotencyRecords, settings: { ttlMs: config.server.idempotencyTtlMs, lockMs: config.server.requestTimeoutMs * 2 } },
          version: VERSION,
          routes,
          readiness: async () => readiness(store, cache),
          refreshMetrics: async () => refreshQueueMetrics(queue, metrics),
        })
      : undefined;

    // hashi.yaml's queues first, then its rules and archives, now that every target kind and function is registered.
    if (apply) await sqs.syncConfig();
    await events.init({ apply });
    if (apply) await support?.init();

    let workersStarted = false;
    const hashi: Hashi = {
      config,
      clock,
      logger,
      metrics,
      observer,
      store,
      cache,
      queue,
      keys,
      awsKeys,
      awsAuth,
      events,
      sqs,
      webhooks,
      fm,
      support,
      manga,
      app,
      startWorkers() {
        if (workersStarted) return;
        workersStarted = true;
        queue.start();
        // Expired Idempotency-Key records: harmless to purge from every replica at once.
        const purge = setInterval(() => {
          idempotencyRecords.purgeExpired(clock.now()).catch((err) => logger.warn({ err }, 'idempotency purge failed'));
        }, 3_600_000);
        purge.unref();
        closers.unshift(async () => clearInterval(purge));
        const stopGovernor = startMemoryGovernor({ headroomMb: config.server.memoryHeadroomMb }, { logger });
        closers.unshift(async () => stopGovernor());
        events.start();
        sqs.start();
        fm.start();
        support?.warm().catch((err) => logger.warn({ err }, 'support: knowledge-base index build failed'));
        manga?.warm().catch((err) => logger.warn({ err }, 'manga: product index build failed'));
      },
      async listen() {
        if (!app) throw new Error('createHashi was called without http: true');
        const url = await app.listen({ host: config.server.host, port: config.server.port });
        hashi.startWorkers();
        return url;
      },
      async stop() {
        const grace = config.server.shutdownGraceMs;
        if (app) await app.close();
        if (workersStarted) await events.stop();
        sqs.stop();
        if (workersStarted) await queue.stop(grace);
        for (const close of closers) await close().catch((err) => logger.warn({ err }, 'error while closing'));
      },
    };
    return hashi;
  } catch (err) {
    for (const close of closers) await close().catch(() => undefined);
    throw err;
  }
}

/**
 * The box that seals AWS secret access keys, opened on first use (creating or
 * verifying an AWS key) so commands that never touch one make no key file.
 */
function lazySecretBox(config: HashiConfig, store: Store, logger: Logger): () => SecretBox {
  let box: SecretBox | undefined;
  return () => {
    if (box) return box;
    const opened = openSecretBox(config.aws.keyEncryptionSecret, config.dataDir);
    if (opened.source === 'file' && store.caps.shared) {
      logger.warn('aws.keyEncryptionSecret is empty: AWS secrets are sealed with a key file in this data dir, which other replicas sharing the store cannot read; set aws.keyEncryptionSecret');
    }
    return (box = opened.box);
  };
}

/** API keys always; signed partner requests and JWTs when configured. Key and JWT decisions are cached. */
function buildAuthSchemes(config: HashiConfig, clock: Clock, cache: CacheBackend, keyScheme: AuthScheme): AuthScheme[] {
  const schemes: AuthScheme[] = [keyScheme];
  const ttl = config.auth.cacheTtlMs;
  // Signed requests are not cached: checking one is a single HMAC, cheaper than a
  // cache round trip, and the time window must be checked on every request anyway.
  if (Object.keys(config.auth.partners).length > 0) schemes.push(signedRequestScheme(config.auth, clock));
  if (config.auth.jwt) schemes.push(cachedScheme(jwtScheme(config.auth.jwt, clock), cache.cache, ttl, bearerToken, clock));
  return schemes;
}

/** Authenticates a request with the first scheme that accepts it (the WebSocket route does this after the upgrade). */
async function authenticateWith(schemes: AuthScheme[], request: FastifyRequest) {
  return chooseScheme(schemes, request).authenticate(request);
}

/** Knowledge-base vectors from the configured embedding provider; the size is asked once unless configured. */
async function providerEmbedder(fm: FmGateway, dimensions: number | undefined) {
  const size = dimensions ?? (await fm.embed(['dimension probe']))[0]!.length;
  return { dimensions: size, embed: (texts: string[]) => fm.embed(texts) };
}

async function readiness(store: Store, cache: CacheBackend) {
  const checks: Record<string, string> = {};
  let ok = true;
  try {
    await store.ping();
    const status = await store.migrationStatus(allMigrations);
    checks.store = status.pending.length === 0 ? 'ok' : `pending migrations: ${status.pending.join(', ')}`;
    ok &&= status.pending.length === 0;
  } catch (err) {
    checks.store = `unreachable: ${(err as Error).message}`;
    ok = false;
  }
  try {
    await cache.ping();
    checks.cache = 'ok';
  } catch (err) {
    checks.cache = `unreachable: ${(err as Error).message}`;
    ok = false;
  }
  return { ok, checks };
}

async function refreshQueueMetrics(queue: Queue, metrics: Metrics): Promise<void> {
  metrics.queueDepth.reset();
  metrics.queueInFlight.reset();
  metrics.dlqSize.reset();
  for (const s of await queue.stats()) {
    metrics.queueDepth.set({ type: s.type }, s.ready);
    metrics.queueInFlight.set({ type: s.type }, s.running);
    metrics.dlqSize.set({ type: s.type }, s.dead);
  }
}
