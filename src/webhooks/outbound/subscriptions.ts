import { ConflictError, NotFoundError, RetryableError, newId, type Clock } from '../../kernel/index.ts';
import type { Logger, Observer } from '../../observability/index.ts';
import type { Store } from '../../store/index.ts';
import type { SubscriptionConfig } from '../settings.ts';
import type { OutboundBus, SubscriptionRule } from '../types.ts';
import { generateWebhookSecret } from './sign.ts';
import { checkEndpoint, type Lookup } from './ssrf.ts';
import { assertSubscriptionInput, type SubscriptionInput } from './subscription-input.ts';
import { deleteSubscription, insertSubscription, selectSubscription, selectSubscriptions, updateSubscription, type SubscriptionRow } from './subscription-rows.ts';
import { toView, type SubscriptionView } from './subscription-view.ts';

/** How long the old secret keeps signing (next to the new one) after a rotation. */
export const ROTATION_OVERLAP_MS = 86_400_000;

export interface SubscriptionDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  observer?: Observer;
  /** SSRF allow list (webhooks.outbound.allow). */
  allow: readonly string[];
  lookup?: Lookup;
}

export const ruleName = (id: string) => `webhooks.sub.${id}`;

/**
 * Outbound subscriptions: stored rows (from hashi.yaml or the admin API), each
 * mirrored as one bus rule whose only target is `http:<id>`. Endpoints pass the
 * SSRF guard when configured (and again before every attempt).
 */
export class Subscriptions {
  private bus: OutboundBus | undefined;

  constructor(private readonly deps: SubscriptionDeps) {}

  /** Connects to the bus and (re)puts the rule of every subscription, unless `apply` is false. */
  async attach(bus: OutboundBus, options: { apply?: boolean } = {}): Promise<void> {
    this.bus = bus;
    if (options.apply === false) return;
    for (const row of await selectSubscriptions(this.deps.store.db)) await this.putRule(row);
  }

  async list(): Promise<SubscriptionView[]> {
    return (await selectSubscriptions(this.deps.store.db)).map(toView);
  }

  async get(id: string): Promise<SubscriptionView> {
    return toView(await this.row(id));
  }

  /** The active secrets, newest first (the previous one while its overlap lasts). */
  async secrets(id: string): Promise<{ secret: string; previousSecret?: string; previousSecretUntil?: string }> {
    const row = await this.row(id);
    const previous = row.previous_secret !== null && (row.previous_secret_until ?? 0) > this.deps.clock.now();
    return {
      secret: row.secret,
      ...(previous ? { previousSecret: row.previous_secret!, previousSecretUntil: new Date(row.previous_secret_until!).toISOString() } : {}),
    };
  }

  async create(input: SubscriptionInput, managedBy: 'api' | 'config' = 'api'): Promise<SubscriptionView & { secret: string }> {
    const row = await this.newRow(input, managedBy);
    if (!(await insertSubscription(this.deps.store.db, row))) {
      throw new ConflictError('WEBHOOK_SUBSCRIPTION_EXISTS', `a subscription with id ${row.id} already exists`);
    }
    await this.putRule(row);
    return { ...toView(row), secret: row.secret };
  }

  /** A validated row for a new subscription (endpoint checked), not yet stored. */
  private async newRow(input: SubscriptionInput, managedBy: 'api' | 'config'): Promise<SubscriptionRow> {
    assertSubscriptionInput(input);
    await this.checkUrl(input.url);
    const now = this.deps.clock.now();
    return {
      id: input.id ?? newId('sub', now),
      url: input.url,
      pattern: JSON.stringify(input.pattern),
      secret: input.secret ?? generateWebhookSecret(),
      previous_secret: null,
      previous_secret_until: null,
      transform: input.transform ?? 'none',
      description: input.description ?? '',
      bus: input.bus ?? null,
      managed_by: managedBy,
      enabled: input.enabled === false ? 0 : 1,
      disabled_reason: input.enabled === false ? (managedBy === 'config' ? 'config' : 'manual') : null,
      disabled_at: input.enabled === false ? now : null,
      failing_since: null,
      last_success_at: null,
      created_at: now,
      updated_at: now,
    };
  }

  async update(id: string, patch: Partial<Omit<SubscriptionInput, 'id' | 'secret' | 'enabled'>>): Promise<SubscriptionView> {
    const row = await this.row(id);
    if (row.managed_by === 'config') throw managed(id);
    assertSubscriptionInput(patch, true);
    if (patch.url !== undefined) await this.checkUrl(patch.url);
    const changes: Partial<SubscriptionRow> = {
      ...(patch.url !== undefined ? { url: patch.url } : {}),
      ...(patch.pattern !== undefined ? { pattern: JSON.stringify(patch.pattern) } : {}),
      ...(patch.transform !== undefined ? { transform: patch.transform } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.bus !== undefined ? { bus: patch.bus } : {}),
      updated_at: this.deps.clock.now(),
    };
    return this.apply(row, changes);
  }

  async remove(id: string): Promise<void> {
    const row = await this.row(id);
    if (row.managed_by === 'config') throw managed(id);
    await deleteSubscription(this.deps.store.db, id);
    await this.bus?.deleteRule?.(ruleName(id), row.bus ?? undefined);
  }

  /** Re-enables (after an automatic or manual disable): the failing period starts over. */
  async enable(id: string): Promise<SubscriptionView> {
    const row = await this.row(id);
    return this.apply(row, { enabled: 1, disabled_reason: null, disabled_at: null, failing_since: null, updated_at: this.deps.clock.now() });
  }

  async disable(id: string, reason: 'manual' | 'failing' | 'gone' | 'config' = 'manual'): Promise<SubscriptionView> {
    const row = await this.row(id);
    const now = this.deps.clock.now();
    const view = await this.apply(row, { enabled: 0, disabled_reason: reason, disabled_at: now, updated_at: now });
    if (reason === 'failing' || reason === 'gone') {
      this.deps.observer?.emit('webhook:subscription_disabled', { id, reason });
      this.deps.logger.warn({ subscription: id, reason }, 'webhook subscription disabled automatically');
    }
    return view;
  }

  /** A new secret; the old one keeps signing next to it for ROTATION_OVERLAP_MS. */
  async rotateSecret(id: string, secret?: string): Promise<{ secret: string; previousSecretUntil: string }> {
    const row = await this.row(id);
    if (secret !== undefined) assertSubscriptionInput({ secret }, true);
    const now = this.deps.clock.now();
    const next = secret ?? generateWebhookSecret();
    await updateSubscription(this.deps.store.db, id, { secret: next, previous_secret: row.secret, previous_secret_until: now + ROTATION_OVERLAP_MS, updated_at: now });
    return { secret: next, previousSecretUntil: new Date(now + ROTATION_OVERLAP_MS).toISOString() };
  }

  /**
   * Makes the stored config-managed subscriptions match hashi.yaml: new ones
   * are created, changed ones updated (a changed secret is rotated with
   * overlap), removed ones deleted. An automatic disable survives a restart;
   * `enabled: false` in the file wins over everything.
   *
   * Safe while other processes sync the same file at once (replicas starting
   * together): a row another one inserted first is refreshed, not refused.
   */
  async syncConfig(configs: readonly SubscriptionConfig[]): Promise<void> {
    const existing = new Map((await selectSubscriptions(this.deps.store.db)).map((r) => [r.id, r]));
    for (const c of configs) {
      let row = existing.get(c.id);
      if (!row) {
        const fresh = await this.newRow({ ...c }, 'config');
        if (await insertSubscription(this.deps.store.db, fresh)) {
          await this.putRule(fresh);
          continue;
        }
        row = await this.row(c.id);
      }
      if (row.managed_by !== 'config') throw new ConflictError('WEBHOOK_SUBSCRIPTION_EXISTS', `subscriptions: id ${c.id} is already used by a subscription created through the API`);
      await this.refreshFromConfig(row, c);
    }
    const wanted = new Set(configs.map((c) => c.id));
    for (const row of existing.values()) {
      if (row.managed_by === 'config' && !wanted.has(row.id)) {
        await deleteSubscription(this.deps.store.db, row.id);
        await this.bus?.deleteRule?.(ruleName(row.id), row.bus ?? undefined);
      }
    }
  }

  private async refreshFromConfig(row: SubscriptionRow, c: SubscriptionConfig): Promise<void> {
    assertSubscriptionInput(c);
    if (c.url !== row.url) await this.checkUrl(c.url);
    const now = this.deps.clock.now();
    const changes: Partial<SubscriptionRow> = { url: c.url, pattern: JSON.stringify(c.pattern), transform: c.transform ?? 'none', description: c.description ?? '', bus: c.bus ?? null };
    if (c.secret !== undefined && c.secret !== row.secret) Object.assign(changes, { secret: c.secret, previous_secret: row.secret, previous_secret_until: now + ROTATION_OVERLAP_MS });
    if (c.enabled === false) Object.assign(changes, row.enabled === 1 || row.disabled_reason !== 'config' ? { enabled: 0, disabled_reason: 'config', disabled_at: now } : {});
    else if (row.disabled_reason === 'config') Object.assign(changes, { enabled: 1, disabled_reason: null, disabled_at: null, failing_since: null });
    const differs = Object.entries(changes).some(([k, v]) => row[k as keyof SubscriptionRow] !== v);
    if (differs) await this.apply(row, { ...changes, updated_at: now });
    else await this.putRule(row);
  }

  private async apply(row: SubscriptionRow, changes: Partial<SubscriptionRow>): Promise<SubscriptionView> {
    await updateSubscription(this.deps.store.db, row.id, changes);
    const next = { ...row, ...changes };
    await this.putRule(next);
    return toView(next);
  }

  private async row(id: string): Promise<SubscriptionRow> {
    const row = await selectSubscription(this.deps.store.db, id);
    if (!row) throw new NotFoundError('WEBHOOK_SUBSCRIPTION_NOT_FOUND', `no webhook subscription ${id}`);
    return row;
  }

  /** SSRF guard at configuration time; an unresolvable host is allowed now and checked again per attempt. */
  private async checkUrl(url: string): Promise<void> {
    try {
      await checkEndpoint(url, { allow: this.deps.allow, ...(this.deps.lookup ? { lookup: this.deps.lookup } : {}) });
    } catch (err) {
      if (!(err instanceof RetryableError)) throw err;
      this.deps.logger.warn({ code: err.code, message: err.message }, 'webhook endpoint does not resolve yet; it is checked again before every attempt');
    }
  }

  private async putRule(row: SubscriptionRow): Promise<void> {
    if (!this.bus) return;
    await this.bus.putRule(ruleFor(row));
  }
}

function managed(id: string): ConflictError {
  return new ConflictError('WEBHOOK_SUBSCRIPTION_MANAGED', `subscription ${id} comes from hashi.yaml; change it there`);
}

/** The bus rule mirroring a subscription. */
export function ruleFor(row: SubscriptionRow): SubscriptionRule {
  return {
    Name: ruleName(row.id),
    ...(row.bus !== null ? { EventBusName: row.bus } : {}),
    EventPattern: JSON.parse(row.pattern) as Record<string, unknown>,
    State: row.enabled === 1 ? 'ENABLED' : 'DISABLED',
    Description: `outbound webhook subscription ${row.id}`,
    Targets: [{ Id: 'webhook', Arn: `http:${row.id}` }],
  };
}
