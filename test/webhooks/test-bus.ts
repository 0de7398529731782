import { randomUUID } from 'node:crypto';
import type { Kysely, Migration } from 'kysely';
import { matches } from '../../src/events/patterns/index.ts';
import type { Store } from '../../src/store/index.ts';
import type { EventEnvelope, OutboundBus, PublishOptions, PutEventsEntry, PutEventsResult, SubscriptionRule, TargetDeliveryInput } from '../../src/webhooks/index.ts';

/**
 * A tiny stand-in for the event bus, enough to test webhooks end to end: it
 * writes events to a table in the caller's transaction (so a rollback loses
 * them), keeps rules in memory and, on `deliver()`, hands every stored event to
 * the target kinds of the rules whose EventBridge pattern matches.
 */
export const testBusMigrations: Record<string, Migration> = {
  '9990_test_bus_events': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('test_bus_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('envelope', 'text', (c) => c.notNull())
        .addColumn('replay_name', 'text')
        .addColumn('delivered', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};

type Row = { id: string; seq: number; envelope: string; replay_name: string | null; delivered: number };
type Tables = { test_bus_events: Row };

export class TestBus implements OutboundBus {
  readonly rules = new Map<string, SubscriptionRule>();
  private readonly kinds = new Map<string, (input: TargetDeliveryInput) => Promise<void>>();
  private seq = 0;
  /** Set to make the next putEvents report this many failed entries. */
  failNext = 0;
  calls = 0;

  constructor(private readonly store: Store) {}

  private db(tx?: unknown) {
    return ((tx as Store['db'] | undefined) ?? this.store.db).withTables<Tables>();
  }

  /** Entries per putEvents call, in order. */
  readonly callSizes: number[] = [];
  /** Set to refuse, per entry, the events whose detail this returns true for (the real bus's per-entry errors). */
  refuse: ((entry: PutEventsEntry) => boolean) | undefined;

  async putEvents(entries: PutEventsEntry[], options: PublishOptions = {}): Promise<PutEventsResult> {
    // Like EventBridge and Hashi's bus: a call carries 1 to 10 entries.
    if (entries.length === 0 || entries.length > 10) throw new Error(`PutEvents takes 1 to 10 entries, got ${entries.length}`);
    this.calls++;
    this.callSizes.push(entries.length);
    if (this.failNext > 0) {
      const failed = this.failNext;
      this.failNext = 0;
      return { FailedEntryCount: failed, Entries: entries.map((_, i) => (i < failed ? { ErrorCode: 'InternalFailure', ErrorMessage: 'test failure' } : { EventId: randomUUID() })) };
    }
    const results: PutEventsResult['Entries'] = [];
    for (const e of entries) {
      if (this.refuse?.(e)) {
        results.push({ ErrorCode: 'MalformedDetail', ErrorMessage: 'refused by the test' });
        continue;
      }
      const envelope: EventEnvelope = {
        id: randomUUID(),
        source: e.Source,
        'detail-type': e.DetailType,
        time: new Date(0).toISOString(),
        detail: typeof e.Detail === 'string' ? (JSON.parse(e.Detail) as unknown) : e.Detail,
        resources: e.Resources ?? [],
        ...(options.replayName ? { 'replay-name': options.replayName } : {}),
      };
      await this.db(options.tx)
        .insertInto('test_bus_events')
        .values({ id: envelope.id, seq: ++this.seq, envelope: JSON.stringify(envelope), replay_name: options.replayName ?? null, delivered: 0 })
        .execute();
      results.push({ EventId: envelope.id });
    }
    return { FailedEntryCount: results.filter((r) => r.EventId === undefined).length, Entries: results };
  }

  async events(): Promise<EventEnvelope[]> {
    const rows = await this.db().selectFrom('test_bus_events').selectAll().orderBy('seq').execute();
    return rows.map((r) => JSON.parse(r.envelope) as EventEnvelope);
  }

  registerTargetKind(kind: string, deliver: (input: TargetDeliveryInput) => Promise<void>): void {
    this.kinds.set(kind, deliver);
  }

  async putRule(rule: SubscriptionRule): Promise<void> {
    this.rules.set(rule.Name, rule);
  }

  async deleteRule(name: string): Promise<void> {
    this.rules.delete(name);
  }

  /** Delivers every undelivered event to the matching enabled rules' targets; returns how many target calls were made. */
  async deliver(): Promise<number> {
    const rows = await this.db().selectFrom('test_bus_events').selectAll().where('delivered', '=', 0).orderBy('seq').execute();
    let calls = 0;
    for (const row of rows) {
      const event = JSON.parse(row.envelope) as EventEnvelope;
      for (const rule of this.rules.values()) {
        if (rule.State !== 'ENABLED' || !matches(rule.EventPattern, event)) continue;
        for (const target of rule.Targets) {
          const [kind = '', ...rest] = target.Arn.split(':');
          const deliver = this.kinds.get(kind);
          if (!deliver) throw new Error(`no target kind ${kind}`);
          await deliver({ target, kind, name: rest.join(':'), event, input: JSON.stringify(event), rule: rule.Name, attempt: 1, signal: new AbortController().signal });
          calls++;
        }
      }
      await this.db().updateTable('test_bus_events').set({ delivered: 1 }).where('id', '=', row.id).execute();
    }
    return calls;
  }
}
