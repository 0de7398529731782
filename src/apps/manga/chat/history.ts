import { newId } from '../../../kernel/index.ts';
import type { Executor } from '../../../store/index.ts';
import { m } from '../tables.ts';
import type { FmMessage } from '../types.ts';

export interface SessionKey {
  tenant: string;
  session_id: string;
}

/** Creates the session or marks it active; sessions are per tenant, so two tenants may use the same id. */
export async function touchSession(db: Executor, key: SessionKey, fields: { customer_id?: string; language: string; channel: string }, now: number): Promise<void> {
  await m(db)
    .insertInto('manga_chat_sessions')
    .values({ ...key, customer_id: fields.customer_id ?? null, language: fields.language, channel: fields.channel, created_at: now, last_active_at: now })
    .onConflict((oc) => oc.columns(['tenant', 'session_id']).doUpdateSet({ last_active_at: now, language: fields.language, channel: fields.channel }))
    .execute();
}

export async function appendMessage(
  db: Executor,
  key: SessionKey,
  message: { role: 'user' | 'assistant'; content: string; product_ids?: string[]; model?: string },
  now: number,
): Promise<string> {
  const last = await m(db)
    .selectFrom('manga_chat_messages')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('tenant', '=', key.tenant)
    .where('session_id', '=', key.session_id)
    .executeTakeFirst();
  const id = newId('msg', now);
  await m(db)
    .insertInto('manga_chat_messages')
    .values({
      id,
      ...key,
      seq: Number(last?.seq ?? 0) + 1,
      role: message.role,
      content: message.content,
      product_ids: JSON.stringify(message.product_ids ?? []),
      model: message.model ?? null,
      created_at: now,
    })
    .execute();
  return id;
}

/** The last `limit` messages of the session, oldest first. */
export async function recentMessages(db: Executor, key: SessionKey, limit: number): Promise<Array<FmMessage & { id: string; product_ids: string[]; model: string | null; created_at: number }>> {
  if (limit <= 0) return [];
  const rows = await m(db)
    .selectFrom('manga_chat_messages')
    .selectAll()
    .where('tenant', '=', key.tenant)
    .where('session_id', '=', key.session_id)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({
    id: r.id,
    role: r.role === 'assistant' ? 'assistant' : 'user',
    content: r.content,
    product_ids: JSON.parse(r.product_ids) as string[],
    model: r.model,
    created_at: r.created_at,
  }));
}
