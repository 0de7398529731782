import type { Clock } from '../../kernel/index.ts';
import type { AnyTx, Store } from '../../store/index.ts';
import { fm, type SessionsTable } from '../tables.ts';
import type { ChatMessage } from '../types.ts';
import { storable, trimHistory } from './history.ts';
import type { ChatSession, SessionSettings } from './types.ts';

function toSession(row: SessionsTable): ChatSession {
  return {
    id: row.id,
    tenant: row.tenant,
    messages: JSON.parse(row.messages) as ChatMessage[],
    turns: Number(row.turns),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    expiresAt: Number(row.expires_at),
  };
}

/**
 * Chat sessions in the store, keyed by (tenant, id): two tenants using the
 * same session id never see each other's history. A session expires
 * `ttlSeconds` after its last turn; expired sessions read as absent and are
 * purged by `purgeExpired`.
 */
export class SessionStore {
  constructor(private readonly deps: { store: Store; clock: Clock; settings: SessionSettings }) {}

  get settings(): SessionSettings {
    return this.deps.settings;
  }

  async get(tenant: string, id: string): Promise<ChatSession | undefined> {
    const row = await fm(this.deps.store.db)
      .selectFrom('fm_sessions')
      .selectAll()
      .where('tenant', '=', tenant)
      .where('id', '=', id)
      .where('expires_at', '>', this.deps.clock.now())
      .executeTakeFirst();
    return row ? toSession(row) : undefined;
  }

  /** The stored history to send before a new turn (empty for a new or expired session). */
  async history(tenant: string, id: string): Promise<ChatMessage[]> {
    return (await this.get(tenant, id))?.messages ?? [];
  }

  /**
   * Appends one completed turn. Runs in one transaction with the row locked
   * (where the engine has concurrent writers), so concurrent turns on one
   * session both land; an expired session starts over.
   */
  async appendTurn(tenant: string, id: string, turn: readonly ChatMessage[]): Promise<ChatSession> {
    const { store, clock, settings } = this.deps;
    return store.transaction(async (tx) => {
      const now = clock.now();
      const expiresAt = now + settings.ttlSeconds * 1000;
      const existing = await this.lock(tx, tenant, id);
      const live = existing && Number(existing.expires_at) > now ? toSession(existing) : undefined;
      const messages = trimHistory([...(live?.messages ?? []), ...turn.map(storable)], settings.maxMessages);
      const row = {
        messages: JSON.stringify(messages),
        turns: (live?.turns ?? 0) + 1,
        created_at: live?.createdAt ?? now,
        updated_at: now,
        expires_at: expiresAt,
      };
      await fm(tx).updateTable('fm_sessions').set(row).where('tenant', '=', tenant).where('id', '=', id).execute();
      return toSession({ tenant, id, ...row });
    });
  }

  async delete(tenant: string, id: string): Promise<boolean> {
    const res = await fm(this.deps.store.db)
      .deleteFrom('fm_sessions')
      .where('tenant', '=', tenant)
      .where('id', '=', id)
      .where('expires_at', '>', this.deps.clock.now())
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async purgeExpired(): Promise<number> {
    const res = await fm(this.deps.store.db).deleteFrom('fm_sessions').where('expires_at', '<=', this.deps.clock.now()).executeTakeFirst();
    return Number(res.numDeletedRows);
  }

  /** Creates the row when missing, then locks it for the rest of the transaction. */
  private async lock(tx: AnyTx, tenant: string, id: string): Promise<SessionsTable | undefined> {
    const now = this.deps.clock.now();
    await fm(tx)
      .insertInto('fm_sessions')
      .values({ tenant, id, messages: '[]', turns: 0, created_at: now, updated_at: now, expires_at: 0 })
      .onConflict((oc) => oc.columns(['tenant', 'id']).doNothing())
      .execute();
    return fm(tx)
      .selectFrom('fm_sessions')
      .selectAll()
      .where('tenant', '=', tenant)
      .where('id', '=', id)
      .$if(!this.deps.store.caps.singleWriter, (qb) => qb.forUpdate())
      .executeTakeFirst();
  }
}
