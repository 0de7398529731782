import { randomUUID } from 'node:crypto';
import type { Clock } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { Store } from '../../store/index.ts';
import { PURGE_JOB } from '../archive/purge.ts';
import type { CatalogCache } from '../bus/catalog.ts';
import { withChain } from '../bus/chain.ts';
import { accountOf, isoSeconds, ruleArn, type Identity } from '../bus/envelope.ts';
import type { BusMetrics } from '../bus/metrics.ts';
import { writeEvents } from '../bus/write.ts';
import type { RuleRow } from '../rules/repository.ts';
import { parseSchedule, type Schedule } from '../schedules/index.ts';
import { deliveryJobs } from '../targets/jobs.ts';
import type { EventEnvelope, ScheduleFire } from '../types.ts';
import { dueTick } from './due-tick.ts';
import { claimTick, lastTicks } from './ticks.ts';

export interface SchedulerDeps {
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  catalog: CatalogCache;
  identity: Identity;
  metrics: BusMetrics;
  intervalMs: number;
  purgeIntervalMs: number;
}

/** The housekeeping "rule" whose ticks enqueue the purge job. */
const PURGE_KEY = '__purge';

/**
 * Fires scheduled rules. Any number of replicas may run it: each tick is
 * claimed in the store (event_schedule_ticks) in the transaction that
 * publishes it, so exactly one replica fires it. Tests call `runDue(now)`;
 * `start()` runs it on a timer.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private readonly parsed = new Map<string, Schedule>();

  constructor(private readonly deps: SchedulerDeps) {}

  async runDue(now: number = this.deps.clock.now()): Promise<ScheduleFire[]> {
    const catalog = await this.deps.catalog.get();
    const last = await lastTicks(this.deps.store.db);
    const fires: ScheduleFire[] = [];
    for (const row of catalog.scheduled()) {
      const fire = await this.fireRule(row, last, now).catch((err: unknown) => {
        this.deps.logger.error({ err, rule: row.rule.name, bus: row.rule.bus }, 'scheduled rule could not fire; next pass retries');
        return undefined;
      });
      if (fire) fires.push(fire);
    }
    await this.enqueuePurge(now);
    return fires;
  }

  private schedule(expression: string, timezone?: string): Schedule {
    const key = `${timezone ?? ''}|${expression}`;
    let s = this.parsed.get(key);
    if (!s) this.parsed.set(key, (s = parseSchedule(expression, timezone)));
    return s;
  }

  private async fireRule(row: RuleRow, last: Map<string, number>, now: number): Promise<ScheduleFire | undefined> {
    const { rule } = row;
    const key = `${rule.bus}/${rule.name}`;
    const after = Math.max(row.anchor, last.get(key) ?? -Infinity);
    const due = dueTick(this.schedule(rule.schedule!, rule.timezone), row.anchor, after, now);
    if (!due) return undefined;
    const arn = ruleArn(this.deps.identity, rule.bus, rule.name);
    // EventBridge's scheduled event: source aws.events, detail-type "Scheduled Event", the rule in resources.
    const event: EventEnvelope = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: accountOf(this.deps.identity, rule.bus),
      time: isoSeconds(due.tickAt),
      region: this.deps.identity.region,
      resources: [arn],
      detail: withChain({}, { depth: 0 }),
    };
    const jobs = deliveryJobs(event, rule.bus, [rule], { ingestedAt: new Date(now).toISOString(), arnOf: () => arn });
    const claimed = await this.deps.store.transaction(async (tx) => {
      if (!(await claimTick(tx, { ruleKey: key, tickAt: due.tickAt, eventId: event.id, skipped: due.skipped, now }))) return false;
      await writeEvents(tx, this.deps.queue, { events: [{ bus: rule.bus, event, eventTime: due.tickAt }], archives: [], jobs }, now);
      return true;
    });
    if (!claimed) return undefined;
    this.deps.metrics.scheduleFires({ rule: key });
    if (due.skipped > 0) {
      this.deps.metrics.skippedTicks({ rule: key }, due.skipped);
      this.deps.logger.warn({ rule: key, tickAt: isoSeconds(due.tickAt), skipped: due.skipped }, 'schedule missed ticks (downtime?); fired the latest only');
    }
    return { rule: rule.name, bus: rule.bus, tickAt: due.tickAt, eventId: event.id, skipped: due.skipped };
  }

  private async enqueuePurge(now: number): Promise<void> {
    const tickAt = Math.floor(now / this.deps.purgeIntervalMs) * this.deps.purgeIntervalMs;
    await this.deps.store.transaction(async (tx) => {
      if (await claimTick(tx, { ruleKey: PURGE_KEY, tickAt, eventId: '', skipped: 0, now })) {
        await this.deps.queue.enqueue({ type: PURGE_JOB, payload: {}, dedupeKey: `purge:${tickAt}` }, tx);
      }
    });
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runDue()
        .catch((err: unknown) => this.deps.logger.error({ err }, 'scheduler pass failed'))
        .finally(() => (this.running = undefined));
    }, this.deps.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
