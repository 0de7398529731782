import { ConflictError, NotFoundError, ValidationError, isHashiError, type Clock } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Store } from '../../store/index.ts';
import type { CatalogCache } from '../bus/catalog.ts';
import type { Identity } from '../bus/envelope.ts';
import { normalizeName } from '../bus/namespace.ts';
import { t } from '../sql/tables.ts';
import type { ArchiveDefinition, StoredArchive } from '../types.ts';
import { countArchived, deleteArchiveRow, insertArchive, replaceConfigArchive, selectArchives, updateArchiveRow, type ArchiveRow } from './repository.ts';
import { validateArchive } from './validate.ts';

export interface ArchiveAdminDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  catalog: CatalogCache;
  hasBus: (name: string) => boolean;
  identity: Identity;
}

/** Archive CRUD for the admin API and hashi.yaml. */
export class ArchiveAdmin {
  constructor(private readonly deps: ArchiveAdminDeps) {}

  private async toStored(row: ArchiveRow): Promise<StoredArchive> {
    const a = row.archive;
    const stored: StoredArchive = {
      ArchiveName: a.name,
      EventBusName: a.bus,
      RetentionDays: a.retentionDays,
      Origin: row.origin,
      CreatedAt: new Date(row.createdAt).toISOString(),
      EventCount: await countArchived(this.deps.store.db, a.name),
    };
    if (a.pattern) stored.EventPattern = a.pattern;
    if (a.description !== undefined) stored.Description = a.description;
    return stored;
  }

  /** Names as stored: `<system account>/x` is `x`, for the archive and its bus. */
  private normalized(def: ArchiveDefinition): ArchiveDefinition {
    if (!def || typeof def !== 'object') return def;
    const n = (v: unknown) => (typeof v === 'string' ? normalizeName(this.deps.identity.account, v) : v);
    return { ...def, ArchiveName: n(def.ArchiveName) as string, ...(def.EventBusName !== undefined ? { EventBusName: n(def.EventBusName) as string } : {}) };
  }

  async create(def: ArchiveDefinition): Promise<StoredArchive> {
    await this.deps.catalog.get();
    const archive = validateArchive(this.normalized(def), this.deps.hasBus);
    const inserted = await this.deps.store.transaction((tx) => insertArchive(tx, archive, 'api', this.deps.clock.now()));
    if (!inserted) throw new ConflictError('EVENT_ARCHIVE_EXISTS', `an archive named ${archive.name} already exists`);
    this.deps.catalog.invalidate();
    return this.get(archive.name);
  }

  /** UpdateArchive: description, pattern and retention (the source bus never changes). */
  async update(name: string, change: { Description?: string; EventPattern?: Record<string, unknown> | string; RetentionDays?: number }): Promise<StoredArchive> {
    const stored = normalizeName(this.deps.identity.account, name);
    const [row] = await selectArchives(this.deps.store.db, { name: stored });
    if (!row) throw new NotFoundError('EVENT_ARCHIVE_NOT_FOUND', `no archive ${stored}`);
    if (row.origin === 'config') throw new ConflictError('EVENT_ARCHIVE_MANAGED', `archive ${stored} is defined in hashi.yaml; change it there`);
    const a = row.archive;
    const merged: ArchiveDefinition = { ArchiveName: a.name, EventBusName: a.bus, RetentionDays: change.RetentionDays ?? a.retentionDays };
    const description = change.Description ?? a.description;
    if (description !== undefined) merged.Description = description;
    const pattern = change.EventPattern ?? a.pattern;
    if (pattern !== undefined) merged.EventPattern = pattern;
    await this.deps.catalog.get();
    const archive = validateArchive(merged, this.deps.hasBus);
    await this.deps.store.transaction((tx) => updateArchiveRow(tx, archive));
    this.deps.catalog.invalidate();
    return this.get(stored);
  }

  async delete(archiveName: string): Promise<void> {
    const name = normalizeName(this.deps.identity.account, archiveName);
    const [row] = await selectArchives(this.deps.store.db, { name });
    if (!row) throw new NotFoundError('EVENT_ARCHIVE_NOT_FOUND', `no archive ${name}`);
    if (row.origin === 'config') throw new ConflictError('EVENT_ARCHIVE_MANAGED', `archive ${name} is defined in hashi.yaml; remove it there first`);
    await this.deps.store.transaction((tx) => deleteArchiveRow(tx, name));
    this.deps.catalog.invalidate();
  }

  async get(archiveName: string): Promise<StoredArchive> {
    const name = normalizeName(this.deps.identity.account, archiveName);
    const [row] = await selectArchives(this.deps.store.db, { name });
    if (!row) throw new NotFoundError('EVENT_ARCHIVE_NOT_FOUND', `no archive ${name}`);
    return this.toStored(row);
  }

  async list(): Promise<StoredArchive[]> {
    const rows = await selectArchives(this.deps.store.db);
    const out: StoredArchive[] = [];
    for (const row of rows) out.push(await this.toStored(row));
    return out;
  }

  /**
   * Creates or updates the archives of hashi.yaml. One that left the file is
   * not deleted with its events: it becomes an API archive, deletable by hand.
   */
  async syncConfig(defs: ArchiveDefinition[]): Promise<void> {
    await this.deps.catalog.get();
    const archives = defs.map((def, i) => {
      try {
        return validateArchive(this.normalized(def), this.deps.hasBus);
      } catch (err) {
        if (!isHashiError(err)) throw err;
        throw new ValidationError(err.code, `events.archives[${i}]: ${err.message}`, { details: err.details, cause: err });
      }
    });
    const keep = new Set(archives.map((a) => a.name));
    await this.deps.store.transaction(async (tx) => {
      const now = this.deps.clock.now();
      for (const a of archives) await replaceConfigArchive(tx, a, now);
      for (const row of await selectArchives(tx, { origin: 'config' })) {
        if (keep.has(row.archive.name)) continue;
        await t(tx).updateTable('event_archives').set({ origin: 'api' }).where('name', '=', row.archive.name).execute();
        this.deps.logger.warn({ archive: row.archive.name }, 'archive left hashi.yaml; kept with its events (delete it with the admin API)');
      }
    });
    this.deps.catalog.invalidate();
  }
}
