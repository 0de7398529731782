import type { Clock } from '../kernel/index.ts';
import type { Logger, Metrics } from '../observability/index.ts';
import type { Queue } from '../queue/index.ts';
import type { Store } from '../store/index.ts';
import { ArchiveAdmin } from './archive/admin.ts';
import { PURGE_JOB, purgeExpired, type PurgeResult } from './archive/purge.ts';
import { REPLAY_JOB, cancelReplay, runReplay, startReplay, type ReplayDeps } from './archive/replay.ts';
import { selectReplay, selectReplays, toStatus } from './archive/replays.ts';
import { CatalogCache } from './bus/catalog.ts';
import type { Identity } from './bus/envelope.ts';
import { busMetrics, type BusMetrics } from './bus/metrics.ts';
import { putEvents, type InternalOptions, type PublishDeps } from './bus/put-events.ts';
import { NotFoundError } from '../kernel/index.ts';
import { RuleAdmin } from './rules/admin.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { SchemaRegistry } from './schemas/registry.ts';
import { t } from './sql/tables.ts';
import { eventsSettings } from './settings.ts';
import { registerBusKind, registerFunctionKind } from './targets/builtin.ts';
import { BusAdmin, type StoredBus } from './buses/admin.ts';
import { putTags, removeTags, selectTags } from './buses/tags.ts';
import { deliveryHandler } from './targets/deliver.ts';
import { InputRenderer } from './targets/input.ts';
import { DELIVER_JOB, type DeliveryPayload } from './targets/jobs.ts';
import { TargetRegistry } from './targets/registry.ts';
import type {
  ArchiveDefinition,
  EventEnvelope,
  EventFunction,
  EventsSettings,
  PublishOptions,
  PutEventsEntry,
  PutEventsResult,
  ReplayRequest,
  ReplayStatus,
  RuleDefinition,
  ScheduleFire,
  SchemaDefinition,
  StoredArchive,
  StoredRule,
  TargetDeliver,
  TargetValidate,
} from './types.ts';

export interface EventBusDeps {
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  /** The shared registry; without it the bus counts nothing. */
  metrics?: Metrics;
  /** The validated `events:` config section (or a partial one in tests). */
  settings?: Partial<EventsSettings> | EventsSettings;
}

/**
 * The event bus: PutEvents, rules and targets, durable delivery through the
 * queue, archives and replay, schedules, schemas and the loop guard. Built by
 * the composition root; capabilities register target kinds and functions,
 * then `init()` loads the rules and archives of hashi.yaml.
 */
export class EventBus {
  readonly settings: EventsSettings;
  /** The system account's buses that exist without a row: `default` and events.buses. */
  readonly buses: readonly string[];
  private readonly registry = new TargetRegistry();
  private readonly catalog: CatalogCache;
  private readonly schemaRegistry: SchemaRegistry;
  private readonly metrics: BusMetrics;
  private readonly identityValue: Identity;
  private readonly publishDeps: PublishDeps;
  private readonly replayDeps: ReplayDeps;
  private readonly rules: RuleAdmin;
  private readonly archives: ArchiveAdmin;
  private readonly busAdmin: BusAdmin;
  private readonly scheduler: Scheduler;

  constructor(private readonly deps: EventBusDeps) {
    this.settings = eventsSettings(deps.settings);
    const buses = new Set(['default', ...this.settings.buses]);
    this.buses = [...buses];
    this.identityValue = { account: this.settings.account, region: this.settings.region };
    this.metrics = busMetrics(deps.metrics);
    this.schemaRegistry = new SchemaRegistry(this.settings.schemas);
    this.catalog = new CatalogCache(deps.store.db, deps.clock, this.settings.rulesRefreshMs, { systemAccount: this.identity.account, configured: buses });
    const hasBus = (name: string) => this.catalog.hasBus(name);
    this.publishDeps = {
      store: deps.store,
      queue: deps.queue,
      clock: deps.clock,
      logger: deps.logger,
      catalog: this.catalog,
      schemas: this.schemaRegistry,
      metrics: this.metrics,
      identity: this.identity,
      maxChainDepth: this.settings.maxChainDepth,
      hasBus,
    };
    this.replayDeps = { store: deps.store, queue: deps.queue, clock: deps.clock, catalog: this.catalog, identity: this.identity, pageSize: 100 };
    const admin = { store: deps.store, clock: deps.clock, logger: deps.logger, catalog: this.catalog, identity: this.identity, hasBus };
    this.rules = new RuleAdmin({ ...admin, checkTarget: (ref, target) => this.registry.check(ref, target) });
    this.archives = new ArchiveAdmin(admin);
    this.busAdmin = new BusAdmin({ store: deps.store, clock: deps.clock, catalog: this.catalog, identity: this.identity, configured: this.buses });
    this.scheduler = new Scheduler({
      store: deps.store,
      queue: deps.queue,
      clock: deps.clock,
      logger: deps.logger,
      catalog: this.catalog,
      identity: this.identity,
      metrics: this.metrics,
      intervalMs: this.settings.scheduler.intervalMs,
      purgeIntervalMs: this.settings.purgeIntervalMs,
    });
    const publish = (entries: PutEventsEntry[], options: PublishOptions, internal?: InternalOptions) => putEvents(this.publishDeps, entries, options, internal);
    registerFunctionKind(this.registry, publish);
    registerBusKind(this.registry, publish, hasBus, this.identity.account);
    deps.queue.register<DeliveryPayload>(DELIVER_JOB, deliveryHandler({ registry: this.registry, renderer: new InputRenderer(), metrics: this.metrics, logger: deps.logger }));
    deps.queue.register<{ name: string }>(REPLAY_JOB, async (job) => void (await runReplay(this.replayDeps, job.payload.name)));
    deps.queue.register(PURGE_JOB, async () => {
      const purged = await this.purge();
      deps.logger.info({ ...purged }, 'events purge done');
    });
  }

  /** PutEvents. With `options.tx` the events and their delivery jobs are written in the caller's transaction. */
  putEvents(entries: PutEventsEntry[], options: PublishOptions = {}): Promise<PutEventsResult> {
    return putEvents(this.publishDeps, entries, options);
  }

  /** An application function, targeted as `{ Arn: 'function:<name>' }`. */
  registerFunction(name: string, fn: EventFunction): void {
    this.registry.registerFunction(name, fn);
  }

  /** A target kind, targeted as `{ Arn: '<kind>:<name>' }`; `validate` runs when a rule names it. */
  registerTargetKind(kind: string, deliver: TargetDeliver, validate?: TargetValidate): void {
    this.registry.registerKind(kind, deliver, validate);
  }

  /** The system account (events.account) and region: ARNs and envelopes are written with them. */
  get identity(): { account: string; region: string } {
    return this.identityValue;
  }

  /**
   * Loads the catalog and (unless `apply` is false) applies the rules and
   * archives of hashi.yaml; call once every kind and function is registered.
   */
  async init(options: { apply?: boolean } = {}): Promise<void> {
    await this.catalog.get();
    if (options.apply === false) return;
    await this.rules.syncConfig(this.settings.rules);
    await this.archives.syncConfig(this.settings.archives);
  }

  /** Creates an event bus (CreateEventBus); a name `<account>/<name>` creates it in that account. */
  createBus(def: { Name: string; Description?: string }): Promise<StoredBus> {
    return this.busAdmin.create(def);
  }

  deleteBus(name: string): Promise<void> {
    return this.busAdmin.delete(name);
  }

  getBus(name: string): Promise<StoredBus> {
    return this.busAdmin.get(name);
  }

  /** The buses of one account (with its default bus), or of all accounts. */
  listBuses(account?: string): Promise<StoredBus[]> {
    return this.busAdmin.list(account);
  }

  /** Tags of a bus, rule or archive by ARN (TagResource). */
  async tagResource(arn: string, tags: Record<string, string>): Promise<void> {
    await this.deps.store.transaction((tx) => putTags(tx, arn, tags));
  }

  untagResource(arn: string, keys: string[]): Promise<void> {
    return removeTags(this.deps.store.db, arn, keys);
  }

  listTags(arn: string): Promise<Record<string, string>> {
    return selectTags(this.deps.store.db, arn);
  }

  putRule(rule: RuleDefinition): Promise<StoredRule> {
    return this.rules.put(rule);
  }

  /** Read-modify-write of one rule in a transaction (PutRule keeping targets, PutTargets, RemoveTargets, Enable/DisableRule). */
  updateRule(name: string, bus: string, change: (current: RuleDefinition | undefined) => RuleDefinition): Promise<StoredRule> {
    return this.rules.update(name, bus, change);
  }

  deleteRule(name: string, bus = 'default'): Promise<void> {
    return this.rules.delete(name, bus);
  }

  listRules(bus?: string): Promise<StoredRule[]> {
    return this.rules.list(bus);
  }

  getRule(name: string, bus = 'default'): Promise<StoredRule> {
    return this.rules.get(name, bus);
  }

  createArchive(def: ArchiveDefinition): Promise<StoredArchive> {
    return this.archives.create(def);
  }

  updateArchive(name: string, change: { Description?: string; EventPattern?: Record<string, unknown> | string; RetentionDays?: number }): Promise<StoredArchive> {
    return this.archives.update(name, change);
  }

  deleteArchive(name: string): Promise<void> {
    return this.archives.delete(name);
  }

  listArchives(): Promise<StoredArchive[]> {
    return this.archives.list();
  }

  getArchive(name: string): Promise<StoredArchive> {
    return this.archives.get(name);
  }

  /** Records a replay and enqueues its job; the workers (or `runReplay`) carry it out. */
  async startReplay(req: ReplayRequest): Promise<ReplayStatus> {
    return toStatus(await startReplay(this.replayDeps, req));
  }

  /** Runs (or resumes) a replay here and now; returns its final status. */
  async runReplay(name: string): Promise<ReplayStatus> {
    return toStatus(await runReplay(this.replayDeps, name));
  }

  /** CancelReplay: a STARTING or RUNNING replay becomes CANCELLING, then CANCELLED at its next page. */
  async cancelReplay(name: string): Promise<ReplayStatus> {
    return toStatus(await cancelReplay(this.replayDeps, name));
  }

  async getReplay(name: string): Promise<ReplayStatus> {
    const row = await selectReplay(this.deps.store.db, name);
    if (!row) throw new NotFoundError('EVENT_REPLAY_NOT_FOUND', `no replay ${name}`);
    return toStatus(row);
  }

  async listReplays(): Promise<ReplayStatus[]> {
    return (await selectReplays(this.deps.store.db)).map(toStatus);
  }

  /** A stored event by id (until events.retentionDays purges it). */
  async getEvent(id: string): Promise<EventEnvelope> {
    const row = await t(this.deps.store.db).selectFrom('event_log').select('envelope').where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError('EVENT_NOT_FOUND', `no stored event ${id}`);
    return JSON.parse(row.envelope) as EventEnvelope;
  }

  schemas(): SchemaDefinition[] {
    return this.schemaRegistry.list();
  }

  /** One scheduler pass: fires the due tick of every scheduled rule this replica can claim. */
  runDue(now?: number): Promise<ScheduleFire[]> {
    return this.scheduler.runDue(now);
  }

  /** Deletes expired archive entries, logged events and old schedule ticks. */
  purge(now: number = this.deps.clock.now()): Promise<PurgeResult> {
    return purgeExpired(this.deps.store.db, now, this.settings.retentionDays);
  }

  /** Starts the scheduler timer (serve and worker). */
  start(): void {
    if (this.settings.scheduler.enabled) this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
  }
}
