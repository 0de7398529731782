import { sql, type Executor } from '../../store/index.ts';
import { t, type EventRulesTable } from '../sql/tables.ts';
import type { Rule } from './validate.ts';

export type RuleOrigin = 'config' | 'api';

export interface RuleRow {
  rule: Rule;
  origin: RuleOrigin;
  anchor: number;
  createdAt: number;
  updatedAt: number;
}

export function toRuleRow(row: EventRulesTable): RuleRow {
  return { rule: JSON.parse(row.definition) as Rule, origin: row.origin as RuleOrigin, anchor: row.anchor, createdAt: row.created_at, updatedAt: row.updated_at };
}

/**
 * Creates or replaces a rule (PutRule semantics) and bumps the generation so
 * every replica recompiles. A rate schedule is re-anchored when its
 * expression changes or the rule is enabled again.
 */
export async function upsertRule(tx: Executor, rule: Rule, origin: RuleOrigin, now: number): Promise<void> {
  const existing = await t(tx).selectFrom('event_rules').selectAll().where('bus', '=', rule.bus).where('name', '=', rule.name).executeTakeFirst();
  const reanchor = !existing || existing.schedule !== (rule.schedule ?? null) || (existing.enabled === 0 && rule.enabled);
  const anchor = reanchor ? now : existing.anchor;
  const values = {
    definition: JSON.stringify(rule),
    enabled: rule.enabled ? 1 : 0,
    schedule: rule.schedule ?? null,
    origin,
    anchor,
    updated_at: now,
  };
  if (existing && existing.definition === values.definition && existing.origin === origin) return;
  await t(tx)
    .insertInto('event_rules')
    .values({ bus: rule.bus, name: rule.name, created_at: now, ...values })
    .onConflict((oc) => oc.columns(['bus', 'name']).doUpdateSet(values))
    .execute();
  await bumpGeneration(tx);
}

export async function deleteRuleRow(tx: Executor, bus: string, name: string): Promise<boolean> {
  const res = await t(tx).deleteFrom('event_rules').where('bus', '=', bus).where('name', '=', name).executeTakeFirst();
  const deleted = Number(res.numDeletedRows) > 0;
  if (deleted) await bumpGeneration(tx);
  return deleted;
}

export async function selectRules(db: Executor, filter: { bus?: string; origin?: RuleOrigin } = {}): Promise<RuleRow[]> {
  const rows = await t(db)
    .selectFrom('event_rules')
    .selectAll()
    .$if(filter.bus !== undefined, (qb) => qb.where('bus', '=', filter.bus!))
    .$if(filter.origin !== undefined, (qb) => qb.where('origin', '=', filter.origin!))
    .orderBy('bus')
    .orderBy('name')
    .execute();
  return rows.map(toRuleRow);
}

export async function selectRule(db: Executor, bus: string, name: string): Promise<RuleRow | undefined> {
  const row = await t(db).selectFrom('event_rules').selectAll().where('bus', '=', bus).where('name', '=', name).executeTakeFirst();
  return row ? toRuleRow(row) : undefined;
}

export async function bumpGeneration(tx: Executor): Promise<void> {
  await t(tx)
    .updateTable('event_rule_generation')
    .set({ generation: sql<number>`generation + 1` })
    .where('id', '=', 1)
    .execute();
}

export async function readGeneration(db: Executor): Promise<number> {
  const row = await t(db).selectFrom('event_rule_generation').select('generation').where('id', '=', 1).executeTakeFirst();
  return Number(row?.generation ?? 0);
}
