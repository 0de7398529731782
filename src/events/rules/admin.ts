import { ConflictError, NotFoundError, ValidationError, isHashiError, type Clock } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Store } from '../../store/index.ts';
import type { CatalogCache } from '../bus/catalog.ts';
import { ruleArn, type Identity } from '../bus/envelope.ts';
import { normalizeName } from '../bus/namespace.ts';
import type { TargetRef } from '../targets/arn.ts';
import type { RuleDefinition, StoredRule, TargetDefinition } from '../types.ts';
import { deleteRuleRow, selectRule, selectRules, upsertRule, type RuleRow } from './repository.ts';
import { validateRule, type Rule } from './validate.ts';

export interface RuleAdminDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  catalog: CatalogCache;
  identity: Identity;
  hasBus: (name: string) => boolean;
  checkTarget: (ref: TargetRef, target: TargetDefinition) => void;
}

/** Rule CRUD over the store, for the admin API, the CLI, applications and hashi.yaml. */
export class RuleAdmin {
  constructor(private readonly deps: RuleAdminDeps) {}

  /** Validates against a fresh catalog snapshot (which buses exist); the bus name is kept as stored. */
  private async validate(def: unknown): Promise<Rule> {
    await this.deps.catalog.get();
    const raw = def as RuleDefinition | null;
    const bus = raw && typeof raw === 'object' && typeof raw.EventBusName === 'string' ? normalizeName(this.deps.identity.account, raw.EventBusName) : raw?.EventBusName;
    return validateRule(raw && typeof raw === 'object' ? { ...raw, ...(bus !== undefined ? { EventBusName: bus } : {}) } : raw, { hasBus: this.deps.hasBus, checkTarget: this.deps.checkTarget });
  }

  toStored(row: RuleRow): StoredRule {
    const { rule } = row;
    const stored: StoredRule = {
      Name: rule.name,
      EventBusName: rule.bus,
      State: rule.enabled ? 'ENABLED' : 'DISABLED',
      Targets: rule.targets,
      Arn: ruleArn(this.deps.identity, rule.bus, rule.name),
      Origin: row.origin,
      CreatedAt: new Date(row.createdAt).toISOString(),
      UpdatedAt: new Date(row.updatedAt).toISOString(),
    };
    if (rule.description !== undefined) stored.Description = rule.description;
    if (rule.pattern !== undefined) stored.EventPattern = rule.pattern;
    if (rule.schedule !== undefined) stored.ScheduleExpression = rule.schedule;
    if (rule.timezone !== undefined) stored.ScheduleExpressionTimezone = rule.timezone;
    return stored;
  }

  /** Creates or replaces a rule (PutRule + PutTargets). Rules from hashi.yaml are changed only there. */
  async put(def: RuleDefinition): Promise<StoredRule> {
    const rule = await this.validate(def);
    await this.deps.store.transaction(async (tx) => {
      const existing = await selectRule(tx, rule.bus, rule.name);
      if (existing?.origin === 'config') throw managed(rule.bus, rule.name);
      await upsertRule(tx, rule, 'api', this.deps.clock.now());
    });
    this.deps.catalog.invalidate();
    return this.get(rule.name, rule.bus);
  }

  /**
   * Read-modify-write of one rule in a transaction: `change` gets the current
   * definition (undefined when there is none) and returns the new one, which
   * is validated and stored. PutRule keeps the targets, PutTargets and
   * RemoveTargets keep the rest, Enable/DisableRule only flip the state.
   */
  async update(name: string, busName: string, change: (current: RuleDefinition | undefined) => RuleDefinition): Promise<StoredRule> {
    const bus = normalizeName(this.deps.identity.account, busName);
    await this.deps.catalog.get();
    const saved = await this.deps.store.transaction(async (tx) => {
      const existing = await selectRule(tx, bus, name);
      if (existing?.origin === 'config') throw managed(bus, name);
      const rule = validateRule(change(existing ? toDefinition(existing.rule) : undefined), { hasBus: this.deps.hasBus, checkTarget: this.deps.checkTarget });
      await upsertRule(tx, rule, 'api', this.deps.clock.now());
      return rule;
    });
    this.deps.catalog.invalidate();
    return this.get(saved.name, saved.bus);
  }

  async delete(name: string, busName: string): Promise<void> {
    const bus = normalizeName(this.deps.identity.account, busName);
    await this.deps.store.transaction(async (tx) => {
      const existing = await selectRule(tx, bus, name);
      if (!existing) throw notFound(bus, name);
      if (existing.origin === 'config') throw managed(bus, name);
      await deleteRuleRow(tx, bus, name);
    });
    this.deps.catalog.invalidate();
  }

  async get(name: string, busName: string): Promise<StoredRule> {
    const bus = normalizeName(this.deps.identity.account, busName);
    const row = await selectRule(this.deps.store.db, bus, name);
    if (!row) throw notFound(bus, name);
    return this.toStored(row);
  }

  async list(bus?: string): Promise<StoredRule[]> {
    return (await selectRules(this.deps.store.db, bus !== undefined ? { bus: normalizeName(this.deps.identity.account, bus) } : {})).map((r) => this.toStored(r));
  }

  /**
   * Makes the stored config rules what hashi.yaml says: every rule validated
   * first (a bad one fails startup, naming it), then upserted; config rules no
   * longer in the file are deleted.
   */
  async syncConfig(defs: RuleDefinition[]): Promise<void> {
    const rules: Rule[] = [];
    for (const [i, def] of defs.entries()) {
      try {
        rules.push(await this.validate(def));
      } catch (err) {
        if (!isHashiError(err)) throw err;
        throw new ValidationError(err.code, `events.rules[${i}] (${String((def as { Name?: unknown }).Name)}): ${err.message}`, { details: err.details, cause: err });
      }
    }
    const keep = new Set(rules.map((r) => `${r.bus}/${r.name}`));
    if (keep.size !== rules.length) throw new ValidationError('EVENT_RULE_INVALID', 'events.rules: two rules share a name on the same bus');
    await this.deps.store.transaction(async (tx) => {
      const now = this.deps.clock.now();
      for (const rule of rules) await upsertRule(tx, rule, 'config', now);
      for (const row of await selectRules(tx, { origin: 'config' })) {
        if (!keep.has(`${row.rule.bus}/${row.rule.name}`)) await deleteRuleRow(tx, row.rule.bus, row.rule.name);
      }
    });
    this.deps.catalog.invalidate();
  }
}

/** A stored rule as the definition that would recreate it. */
export function toDefinition(rule: Rule): RuleDefinition {
  const def: RuleDefinition = { Name: rule.name, EventBusName: rule.bus, State: rule.enabled ? 'ENABLED' : 'DISABLED', Targets: rule.targets };
  if (rule.description !== undefined) def.Description = rule.description;
  if (rule.pattern !== undefined) def.EventPattern = rule.pattern;
  if (rule.schedule !== undefined) def.ScheduleExpression = rule.schedule;
  if (rule.timezone !== undefined) def.ScheduleExpressionTimezone = rule.timezone;
  return def;
}

export const notFound = (bus: string, name: string) => new NotFoundError('EVENT_RULE_NOT_FOUND', `no rule ${name} on bus ${bus}`);
const managed = (bus: string, name: string) => new ConflictError('EVENT_RULE_MANAGED', `rule ${name} on bus ${bus} is defined in hashi.yaml; change it there`);
