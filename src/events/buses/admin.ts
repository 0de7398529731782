import { ConflictError, NotFoundError, ValidationError, type Clock } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import type { CatalogCache } from '../bus/catalog.ts';
import { busArn, type Identity } from '../bus/envelope.ts';
import { isDefaultBus, normalizeName, qualify, splitName } from '../bus/namespace.ts';
import { countRulesOn, deleteBusRow, insertBus, selectBuses } from './repository.ts';
import { removeTags } from './tags.ts';

export interface StoredBus {
  /** The stored name (`<account>/<name>` outside the system account). */
  Name: string;
  Arn: string;
  Description?: string;
  /** `default`: every account's own; `config`: events.buses in hashi.yaml; `api`: made at run time. */
  Origin: 'default' | 'config' | 'api';
  CreationTime?: string;
  LastModifiedTime?: string;
}

export interface BusAdminDeps {
  store: Store;
  clock: Clock;
  catalog: CatalogCache;
  identity: Identity;
  /** events.buses. */
  configured: readonly string[];
}

// EventBridge: custom bus names are 1-256 of these, without "/" (that is for partner buses).
const LOCAL_NAME = /^[.\-_A-Za-z0-9]{1,256}$/;

/** Event buses: `default` of every account, hashi.yaml's, and those created at run time (CreateEventBus). */
export class BusAdmin {
  constructor(private readonly deps: BusAdminDeps) {}

  private stored(name: string, origin: StoredBus['Origin'], row?: { description: string | null; created_at: number; updated_at: number }): StoredBus {
    const bus: StoredBus = { Name: name, Arn: busArn(this.deps.identity, name), Origin: origin };
    if (row?.description) bus.Description = row.description;
    if (row) {
      bus.CreationTime = new Date(Number(row.created_at)).toISOString();
      bus.LastModifiedTime = new Date(Number(row.updated_at)).toISOString();
    }
    return bus;
  }

  async create(def: { Name: string; Description?: string }): Promise<StoredBus> {
    const name = normalizeName(this.deps.identity.account, String(def.Name ?? ''));
    const local = splitName(this.deps.identity.account, name).name;
    if (!LOCAL_NAME.test(local) || local.startsWith('aws.')) {
      throw new ValidationError('EVENT_BUS_INVALID', 'Name must be 1-256 of letters, digits, ".", "-" or "_", not starting with "aws."', { details: { field: 'Name' } });
    }
    if (def.Description !== undefined && (typeof def.Description !== 'string' || def.Description.length > 512)) {
      throw new ValidationError('EVENT_BUS_INVALID', 'Description must be a string of at most 512 characters', { details: { field: 'Description' } });
    }
    const exists = () => new ConflictError('EVENT_BUS_EXISTS', `Event bus ${name} already exists.`);
    if (isDefaultBus(this.deps.identity.account, name) || this.deps.configured.includes(name)) throw exists();
    const inserted = await this.deps.store.transaction((tx) => insertBus(tx, name, def.Description, this.deps.clock.now()));
    if (!inserted) throw exists();
    this.deps.catalog.invalidate();
    return this.get(name);
  }

  /** Refuses `default` and hashi.yaml's buses, and a bus that still has rules (EventBridge: delete them first). */
  async delete(name: string): Promise<void> {
    const stored = normalizeName(this.deps.identity.account, name);
    if (isDefaultBus(this.deps.identity.account, stored)) throw new ValidationError('EVENT_BUS_INVALID', `Cannot delete event bus ${stored}: every account has a default bus.`);
    if (this.deps.configured.includes(stored)) throw new ConflictError('EVENT_BUS_MANAGED', `Event bus ${stored} is defined in hashi.yaml (events.buses); remove it there.`);
    const rules = await countRulesOn(this.deps.store.db, stored);
    if (rules > 0) throw new ConflictError('EVENT_BUS_IN_USE', `Cannot delete event bus ${stored}: it has ${rules} rule(s); all rules of a bus must be deleted first.`);
    const deleted = await this.deps.store.transaction(async (tx) => {
      const gone = await deleteBusRow(tx, stored);
      if (gone) await removeTags(tx, busArn(this.deps.identity, stored));
      return gone;
    });
    if (!deleted) throw new NotFoundError('EVENT_BUS_NOT_FOUND', `Event bus ${stored} does not exist.`);
    this.deps.catalog.invalidate();
  }

  async get(name: string): Promise<StoredBus> {
    const stored = normalizeName(this.deps.identity.account, name);
    const found = (await this.list()).find((b) => b.Name === stored) ?? (isDefaultBus(this.deps.identity.account, stored) ? this.stored(stored, 'default') : undefined);
    if (!found) throw new NotFoundError('EVENT_BUS_NOT_FOUND', `Event bus ${stored} does not exist.`);
    return found;
  }

  /** Every bus of `account` (default: all accounts' stored buses plus the system account's default and config buses). */
  async list(account?: string): Promise<StoredBus[]> {
    const system = this.deps.identity.account;
    const rows = await selectBuses(this.deps.store.db);
    const all: StoredBus[] = [
      this.stored('default', 'default'),
      ...this.deps.configured.filter((b) => b !== 'default').map((b) => this.stored(b, 'config')),
      ...rows.map((r) => this.stored(r.name, 'api', r)),
    ];
    if (account === undefined) return all;
    const mine = all.filter((b) => splitName(system, b.Name).account === account);
    const ownDefault = qualify(system, account, 'default');
    return mine.some((b) => b.Name === ownDefault) ? mine : [this.stored(ownDefault, 'default'), ...mine];
  }
}
