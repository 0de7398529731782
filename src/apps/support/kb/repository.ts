import { sql, type Executor, type Store } from '../../../store/index.ts';
import { tables, type KbDocumentsTable } from '../tables.ts';
import type { KbDoc, KbMetadata } from './doc.ts';

/** Knowledge-base rows. Every write bumps the one revision row in its transaction. */
export class KbRepository {
  constructor(private readonly store: Store) {}

  /** Adds or replaces documents by id; returns the new revision and how many ids were new. */
  async write(docs: readonly KbDoc[], source: string, now: number): Promise<{ revision: number; created: number }> {
    return this.store.transaction(async (tx) => {
      const revision = await bump(tx);
      const t = tables(tx);
      const ids = docs.map((d) => d.id);
      const existing = new Set((await t.selectFrom('support_kb_documents').select('id').where('id', 'in', ids).where('deleted', '=', 0).execute()).map((r) => r.id));
      const rows: KbDocumentsTable[] = docs.map((d) => ({
        id: d.id,
        title: d.title,
        text: d.text,
        metadata: JSON.stringify(d.metadata),
        source,
        revision,
        deleted: 0,
        created_at: now,
        updated_at: now,
      }));
      await t
        .insertInto('support_kb_documents')
        .values(rows)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            text: eb.ref('excluded.text'),
            metadata: eb.ref('excluded.metadata'),
            source: eb.ref('excluded.source'),
            revision: eb.ref('excluded.revision'),
            deleted: 0,
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
      return { revision, created: ids.filter((id) => !existing.has(id)).length };
    });
  }

  /** Marks a document deleted (a tombstone other replicas see); false when there was none. */
  async remove(id: string, now: number): Promise<boolean> {
    return this.store.transaction(async (tx) => {
      const revision = await bump(tx);
      const res = await tables(tx).updateTable('support_kb_documents').set({ deleted: 1, revision, updated_at: now }).where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    });
  }

  /** Rows written after `revision`, oldest revision first. */
  async changedSince(revision: number): Promise<Array<{ doc: KbDoc; deleted: boolean; revision: number }>> {
    const rows = await tables(this.store.db).selectFrom('support_kb_documents').selectAll().where('revision', '>', revision).orderBy('revision').orderBy('id').execute();
    return rows.map((r) => ({
      doc: { id: r.id, title: r.title, text: r.text, metadata: JSON.parse(r.metadata) as KbMetadata },
      deleted: r.deleted === 1,
      revision: Number(r.revision),
    }));
  }

  /** The live documents among `ids`, in no particular order. */
  async getMany(ids: readonly string[]): Promise<KbDoc[]> {
    if (ids.length === 0) return [];
    const rows = await tables(this.store.db).selectFrom('support_kb_documents').selectAll().where('id', 'in', [...ids]).where('deleted', '=', 0).execute();
    return rows.map((r) => ({ id: r.id, title: r.title, text: r.text, metadata: JSON.parse(r.metadata) as KbMetadata }));
  }

  async revision(): Promise<number> {
    const row = await tables(this.store.db).selectFrom('support_kb_state').select('revision').where('id', '=', 1).executeTakeFirst();
    return Number(row?.revision ?? 0);
  }
}

// The row lock taken here is held until commit, so concurrent ingests commit in revision order.
async function bump(tx: Executor): Promise<number> {
  const t = tables(tx);
  await t
    .updateTable('support_kb_state')
    .set({ revision: sql<number>`revision + 1` })
    .where('id', '=', 1)
    .execute();
  const row = await t.selectFrom('support_kb_state').select('revision').where('id', '=', 1).executeTakeFirstOrThrow();
  return Number(row.revision);
}
