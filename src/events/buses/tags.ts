import type { Executor } from '../../store/index.ts';
import { t } from '../sql/tables.ts';

/** TagResource / UntagResource / ListTagsForResource, keyed by the resource's ARN. */
export async function putTags(tx: Executor, arn: string, tags: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(tags)) {
    await t(tx)
      .insertInto('event_tags')
      .values({ arn, tag_key: key, tag_value: value })
      .onConflict((oc) => oc.columns(['arn', 'tag_key']).doUpdateSet({ tag_value: value }))
      .execute();
  }
}

export async function removeTags(db: Executor, arn: string, keys?: string[]): Promise<void> {
  if (keys?.length === 0) return;
  await t(db)
    .deleteFrom('event_tags')
    .where('arn', '=', arn)
    .$if(keys !== undefined, (qb) => qb.where('tag_key', 'in', keys!))
    .execute();
}

export async function selectTags(db: Executor, arn: string): Promise<Record<string, string>> {
  const rows = await t(db).selectFrom('event_tags').select(['tag_key', 'tag_value']).where('arn', '=', arn).orderBy('tag_key').execute();
  return Object.fromEntries(rows.map((r) => [r.tag_key, r.tag_value]));
}
