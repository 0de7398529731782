import type { Clock } from '../../kernel/index.ts';
import type { Executor } from '../../store/index.ts';
import { selectArchives, type ArchiveRow } from '../archive/repository.ts';
import { selectBuses } from '../buses/repository.ts';
import { compileRules, type RuleSet } from '../patterns/index.ts';
import { readGeneration, selectRules, type RuleRow } from '../rules/repository.ts';
import type { Rule } from '../rules/validate.ts';
import { isDefaultBus, normalizeName } from './namespace.ts';

/** The buses that exist without a row: every account's `default` and hashi.yaml's (events.buses). */
export interface StaticBuses {
  systemAccount: string;
  configured: ReadonlySet<string>;
}

interface BusRules {
  /** Enabled pattern rules, compiled once. */
  set: RuleSet;
  byName: Map<string, Rule>;
}

interface BusArchives {
  /** Archives with a pattern, compiled once (ids are archive names). */
  filtered: RuleSet;
  /** Archives that take every event. */
  all: string[];
}

/** Rules and archives as one compiled snapshot, per bus. */
export class Catalog {
  private readonly rules = new Map<string, BusRules>();
  private readonly archives = new Map<string, BusArchives>();

  private readonly busNames: ReadonlySet<string>;

  constructor(
    readonly generation: number,
    readonly ruleRows: RuleRow[],
    readonly archiveRows: ArchiveRow[],
    busNames: string[] = [],
  ) {
    this.busNames = new Set(busNames);
    const byBus = groupBy(ruleRows.filter((r) => r.rule.enabled && r.rule.pattern), (r) => r.rule.bus);
    for (const [bus, rows] of byBus) {
      this.rules.set(bus, {
        set: compileRules(rows.map((r) => ({ id: r.rule.name, pattern: r.rule.pattern }))),
        byName: new Map(rows.map((r) => [r.rule.name, r.rule])),
      });
    }
    for (const [bus, rows] of groupBy(archiveRows, (a) => a.archive.bus)) {
      const filtered = rows.filter((a) => a.archive.pattern);
      this.archives.set(bus, {
        filtered: compileRules(filtered.map((a) => ({ id: a.archive.name, pattern: a.archive.pattern }))),
        all: rows.filter((a) => !a.archive.pattern).map((a) => a.archive.name),
      });
    }
  }

  /** The enabled pattern rules of `bus` that match `event`, in name order. */
  matchRules(bus: string, event: unknown): Rule[] {
    const r = this.rules.get(bus);
    if (!r) return [];
    return r.set.match(event).map((name) => r.byName.get(name)!);
  }

  /** Names of the archives of `bus` that keep `event`. */
  matchArchives(bus: string, event: unknown): string[] {
    const a = this.archives.get(bus);
    if (!a) return [];
    const matched = a.filtered.match(event);
    return matched.length === 0 ? a.all : [...a.all, ...matched];
  }

  /** Buses created at run time (CreateEventBus). */
  hasCreatedBus(name: string): boolean {
    return this.busNames.has(name);
  }

  /** Enabled scheduled rules. */
  scheduled(): RuleRow[] {
    return this.ruleRows.filter((r) => r.rule.enabled && r.rule.schedule);
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Holds the compiled catalog and reloads it when the store's generation moves:
 * at once after a local change, and within `refreshMs` after another replica's.
 */
export class CatalogCache {
  private current: Catalog | undefined;
  private checkedAt = -Infinity;
  private loading: Promise<Catalog> | undefined;

  constructor(
    private readonly db: Executor,
    private readonly clock: Clock,
    private readonly refreshMs: number,
    private readonly buses: StaticBuses = { systemAccount: '000000000000', configured: new Set() },
  ) {}

  /**
   * Whether a bus exists, by the last loaded snapshot (callers that validate
   * load it first with `get`). Names are compared as stored: `<system account>/x` is `x`.
   */
  hasBus(name: string): boolean {
    const stored = normalizeName(this.buses.systemAccount, name);
    return isDefaultBus(this.buses.systemAccount, stored) || this.buses.configured.has(stored) || (this.current?.hasCreatedBus(stored) ?? false);
  }

  /** Forces a generation check on the next `get`. */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  /** `executor` must be the caller's transaction when there is one (SQLite has one connection). */
  async get(executor: Executor = this.db): Promise<Catalog> {
    const now = this.clock.now();
    if (this.current && now - this.checkedAt < this.refreshMs) return this.current;
    if (this.loading && executor === this.db) return this.loading;
    const load = this.load(executor, now);
    if (executor === this.db) {
      this.loading = load;
      load.finally(() => (this.loading = undefined)).catch(() => undefined);
    }
    return load;
  }

  private async load(executor: Executor, now: number): Promise<Catalog> {
    const generation = await readGeneration(executor);
    if (this.current?.generation !== generation) {
      const [rules, archives, buses] = await Promise.all([selectRules(executor), selectArchives(executor), selectBuses(executor)]);
      this.current = new Catalog(generation, rules, archives, buses.map((b) => b.name));
    }
    this.checkedAt = now;
    return this.current;
  }
}
