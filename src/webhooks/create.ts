import type { RoutePlugin } from '../http/index.ts';
import { ValidationError, type Clock } from '../kernel/index.ts';
import type { Logger, Observer } from '../observability/index.ts';
import type { Queue } from '../queue/index.ts';
import type { Store } from '../store/index.ts';
import { deliveryAdminRoutes } from './inbound/admin-routes.ts';
import { getDelivery, listDeliveries, type StoredDelivery } from './inbound/deliveries.ts';
import { IdempotencyStore } from './inbound/keys/store.ts';
import { registerPurgeJob, schedulePurge } from './inbound/purge-job.ts';
import { InboundReceiver, type InboundAnswer, type InboundRequest } from './inbound/receive.ts';
import { replayDelivery } from './inbound/replay.ts';
import { inboundRoute } from './inbound/route.ts';
import { resolveSources } from './inbound/sources.ts';
import { subscriptionAdminRoutes } from './outbound/admin-routes.ts';
import { deliverJob } from './outbound/deliver-job.ts';
import { DELIVER_JOB, httpTargetKind } from './outbound/dispatch.ts';
import { SUBSCRIPTION_ID } from './outbound/subscription-input.ts';
import type { Lookup } from './outbound/ssrf.ts';
import { Subscriptions } from './outbound/subscriptions.ts';
import { resolveSettings, type SubscriptionConfig, type WebhookSourceConfig, type WebhooksSettings } from './settings.ts';
import type { Enricher, EventPublisher, Mapper, OutboundBus, TargetDeliveryInput } from './types.ts';

export interface WebhooksDeps {
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  observer?: Observer;
  /** The event bus (or anything with its putEvents). */
  publisher: EventPublisher;
  /** `sources` of hashi.yaml. */
  sources?: Readonly<Record<string, WebhookSourceConfig>>;
  /** `subscriptions` of hashi.yaml. */
  subscriptions?: readonly SubscriptionConfig[];
  /** `webhooks` of hashi.yaml. */
  settings?: { inbound?: Partial<WebhooksSettings['inbound']>; outbound?: Partial<WebhooksSettings['outbound']> };
  /** DNS for the SSRF guard (tests answer host names without the network). */
  lookup?: Lookup;
  /** Jitter source of the retry schedule. */
  random?: () => number;
}

/**
 * The webhooks capability: `POST /webhooks/:source` (verify → dedupe →
 * accept durably), the delivery log and its replay, outbound subscriptions
 * (the bus's `http` target kind) with signed, retried, recorded deliveries.
 */
export class Webhooks {
  readonly settings: WebhooksSettings;
  readonly keys: IdempotencyStore;
  readonly receiver: InboundReceiver;
  readonly subscriptions: Subscriptions;
  /** The `http` target kind: hand it to the bus with attachBus (or call it from a test bus). */
  readonly httpTarget: (input: TargetDeliveryInput) => Promise<void>;
  private readonly mappers = new Map<string, Mapper>();
  private readonly enrichers = new Map<string, Enricher>();

  constructor(private readonly deps: WebhooksDeps) {
    this.settings = resolveSettings(deps.settings);
    const sources = resolveSources(deps.sources ?? {});
    const { inbound, outbound } = this.settings;
    this.keys = new IdempotencyStore(deps.store.db, deps.clock, { leaseMs: inbound.claimLeaseMs, ttlMs: inbound.keyTtlMs });
    const logger = deps.logger.child({ component: 'webhooks' });
    this.receiver = new InboundReceiver({
      store: deps.store,
      clock: deps.clock,
      logger,
      ...(deps.observer ? { observer: deps.observer } : {}),
      publisher: deps.publisher,
      sources,
      keys: this.keys,
      mappers: this.mappers,
      enrichers: this.enrichers,
    });
    const common = { store: deps.store, clock: deps.clock, logger, ...(deps.observer ? { observer: deps.observer } : {}), ...(deps.lookup ? { lookup: deps.lookup } : {}) };
    this.subscriptions = new Subscriptions({ ...common, allow: outbound.allow });
    this.httpTarget = httpTargetKind({ store: deps.store, queue: deps.queue, clock: deps.clock, logger, schedule: outbound });
    // An attempt must end (timeoutMs) before its job's lease does, or a second worker would send it again meanwhile.
    const visibilityTimeoutMs = Math.max(deps.queue.settingsFor(DELIVER_JOB).visibilityTimeoutMs, outbound.timeoutMs + 5000);
    deps.queue.register(DELIVER_JOB, deliverJob({ ...common, settings: outbound, subscriptions: this.subscriptions, ...(deps.random ? { random: deps.random } : {}) }), { visibilityTimeoutMs });
    registerPurgeJob(deps.queue, this.keys, deps.clock, inbound.purgeIntervalMs, logger);
  }

  /** Applies the configured subscriptions and schedules the key purge; needs a migrated store. */
  async start(): Promise<void> {
    await this.subscriptions.syncConfig(this.deps.subscriptions ?? []);
    await schedulePurge(this.deps.queue, this.deps.clock, this.settings.inbound.purgeIntervalMs);
  }

  /**
   * Registers the `http` target kind with the bus and (unless `apply` is false:
   * a CLI command that leaves the stored rules alone) puts one rule per subscription.
   */
  async attachBus(bus: OutboundBus, options: { apply?: boolean } = {}): Promise<void> {
    bus.registerTargetKind('http', this.httpTarget, (_target, name) => {
      if (!SUBSCRIPTION_ID.test(name)) throw new ValidationError('WEBHOOK_SUBSCRIPTION_INVALID', `http target ${name}: expected http:<subscription id>`);
    });
    await this.subscriptions.attach(bus, options);
  }

  /** A mapper in code for a source (the apps' built-in sources); it wins over `sources.<name>.events`. */
  registerMapper(source: string, mapper: Mapper): void {
    this.mappers.set(source, mapper);
  }

  /** Inline enrichment for a source, run within `sources.<name>.enrichment.budgetMs`. */
  registerEnricher(source: string, enricher: Enricher): void {
    this.enrichers.set(source, enricher);
  }

  receive(request: InboundRequest): Promise<InboundAnswer> {
    return this.receiver.receive(request);
  }

  listDeliveries(filter: { source?: string; limit?: number; before?: number } = {}): Promise<StoredDelivery[]> {
    return listDeliveries(this.deps.store.db, { ...filter, limit: filter.limit ?? 50 });
  }

  getDelivery(id: string): Promise<StoredDelivery | undefined> {
    return getDelivery(this.deps.store.db, id);
  }

  replay(id: string): Promise<{ deliveryId: string; eventIds: string[] }> {
    return replayDelivery({ store: this.deps.store, clock: this.deps.clock, publisher: this.deps.publisher }, id);
  }

  /** The inbound route and the admin routes, as Fastify plugins for buildServer. */
  routes(): RoutePlugin[] {
    return [
      inboundRoute(this.receiver),
      deliveryAdminRoutes(this.deps.store.db, (id) => this.replay(id)),
      subscriptionAdminRoutes(this.subscriptions, this.deps.store.db),
    ];
  }
}
