import { randomUUID } from 'node:crypto';
import { ValidationError, type Clock } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { Store } from '../../store/index.ts';
import type { SchemaRegistry } from '../schemas/registry.ts';
import { deliveryJobs } from '../targets/jobs.ts';
import type { EventEnvelope, PublishOptions, PutEventsResult, PutEventsResultEntry } from '../types.ts';
import type { CatalogCache } from './catalog.ts';
import { chainFor, userDetail } from './chain.ts';
import { checkEntry } from './entry.ts';
import { buildEnvelope, ruleArn, type Identity } from './envelope.ts';
import type { BusMetrics } from './metrics.ts';
import { writeEvents, type EventWrites } from './write.ts';

export const MAX_ENTRIES = 10;

export interface PublishDeps {
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  catalog: CatalogCache;
  schemas: SchemaRegistry;
  metrics: BusMetrics;
  identity: Identity;
  maxChainDepth: number;
  hasBus: (name: string) => boolean;
}

/** Only the bus's own forwarding may publish `aws.*` sources. */
export interface InternalOptions {
  reservedSources: boolean;
}

type Accepted = { index: number; bus: string; event: EventEnvelope; eventTime: number };

/** Per-entry checks: envelope for the good ones, an error entry for the others. */
function acceptEntries(deps: PublishDeps, entries: unknown[], options: PublishOptions, now: number, internal: InternalOptions) {
  // hasBus reads the catalog snapshot, loaded (fresh) by the caller just before.
  const results: PutEventsResultEntry[] = [];
  const accepted: Accepted[] = [];
  entries.forEach((raw, index) => {
    const fail = (code: string, message: string) => {
      results[index] = { ErrorCode: code, ErrorMessage: message };
      deps.metrics.failed({ code });
    };
    const check = checkEntry(raw, now, deps.hasBus, internal.reservedSources, deps.identity.account);
    if (!check.ok) return fail(check.code, check.message);
    const { entry } = check;
    const chain = chainFor(entry.detail, options.causedBy);
    if (chain.depth > deps.maxChainDepth) {
      deps.metrics.loopRefused({ bus: entry.bus });
      deps.logger.warn({ bus: entry.bus, source: entry.source, detailType: entry.detailType, depth: chain.depth, causedBy: chain.causedBy }, 'loop guard refused an event');
      return fail('EVENT_LOOP_REFUSED', `The event would be at chain depth ${chain.depth}, past events.maxChainDepth ${deps.maxChainDepth} (caused by ${chain.causedBy ?? 'an event outside Hashi'}); a rule is probably re-triggering itself.`);
    }
    const schema = deps.schemas.check(entry.source, entry.detailType, userDetail(entry.detail));
    if (!schema.ok) {
      deps.metrics.schemaViolations({ enforced: String(schema.enforced) });
      if (schema.enforced) return fail('EVENT_SCHEMA_VIOLATION', schema.message);
      deps.logger.warn({ source: entry.source, detailType: entry.detailType, issues: schema.issues }, 'event detail violates its (unenforced) schema');
    }
    const event = buildEnvelope(entry, {
      ...deps.identity,
      id: randomUUID(),
      chain,
      ...(options.replayName !== undefined ? { replayName: options.replayName } : {}),
    });
    results[index] = { EventId: event.id };
    accepted.push({ index, bus: entry.bus, event, eventTime: entry.time });
  });
  return { results, accepted };
}

/**
 * PutEvents: checks each entry on its own, then stores the accepted events,
 * their archive copies and one delivery job per (event, rule, target) in one
 * transaction — the caller's when `options.tx` is given.
 */
export async function putEvents(deps: PublishDeps, entries: unknown, options: PublishOptions = {}, internal: InternalOptions = { reservedSources: false }): Promise<PutEventsResult> {
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_ENTRIES) {
    const n = Array.isArray(entries) ? entries.length : 0;
    throw new ValidationError('EVENTS_REQUEST_INVALID', `Entries must hold 1 to ${MAX_ENTRIES} entries (got ${n})`, { details: { entries: n } });
  }
  const now = deps.clock.now();
  const catalog = await deps.catalog.get(options.tx);
  const { results, accepted } = acceptEntries(deps, entries, options, now, internal);
  if (accepted.length > 0) {
    const ingestedAt = new Date(now).toISOString();
    const writes: EventWrites = { events: [], archives: [], jobs: [] };
    for (const { bus, event, eventTime } of accepted) {
      writes.events.push({ bus, event, eventTime });
      const rules = catalog.matchRules(bus, event);
      writes.jobs.push(...deliveryJobs(event, bus, rules, { ingestedAt, arnOf: (r) => ruleArn(deps.identity, r.bus, r.name) }));
      // Replayed events are never archived again.
      if (event['replay-name'] === undefined) {
        for (const archive of catalog.matchArchives(bus, event)) writes.archives.push({ archive, event, eventTime });
      }
    }
    const count = () => accepted.forEach(({ bus }) => deps.metrics.put({ bus }));
    if (options.tx) {
      await writeEvents(options.tx, deps.queue, writes, now);
      deps.store.afterCommit(options.tx, count);
    } else {
      await deps.store.transaction((tx) => writeEvents(tx, deps.queue, writes, now));
      count();
    }
  }
  return { FailedEntryCount: entries.length - accepted.length, Entries: results };
}
