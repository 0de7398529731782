import type { Clock } from '../../kernel/index.ts';
import { HashiError } from '../../kernel/index.ts';
import type { Catalog, CatalogEntry } from '../catalog/index.ts';
import { chooseAutoModel } from './auto.ts';
import { OutcomeWindow, shouldRollBack } from './canary.ts';
import type { CanaryStats } from './canary.ts';
import { resolveRoutingConfig } from './config.ts';
import type { CanaryConfig, RoutingConfig, RoutingOptions, SplitVariant } from './config.ts';
import { candidateChain } from './fallback.ts';
import { safePublish } from './publish.ts';
import type { Publish } from './publish.ts';
import { pickWeighted, stickyFraction } from './split.ts';

export interface Route {
  /** What the request asked for (alias, model id, split name or `auto`). */
  requested: string;
  reason: 'explicit' | 'auto' | 'split';
  split?: { name: string; variant: string };
  /** The chosen model first, then its fallbacks. */
  candidates: CatalogEntry[];
}

export interface RouteInput {
  model?: string | undefined;
  /** The latest user message's text, read only for `auto`. */
  latestUserText: () => string;
}

export interface RouterDeps {
  catalog: Catalog;
  clock: Clock;
  /** [0, 1) — used for splits when the request has no session. */
  random?: () => number;
  publish?: Publish;
  onPublishError?: (err: unknown) => void;
}

/**
 * Chooses the model chain for a request (explicit, auto or weighted split,
 * sticky per session) and rolls back a split variant whose error rate passes
 * the canary threshold, publishing `CanaryRolledBack`.
 */
export class Router {
  readonly config: RoutingConfig;
  private readonly weights = new Map<string, SplitVariant[]>();
  private readonly windows = new Map<string, OutcomeWindow>();
  private readonly publish: Publish;
  private readonly random: () => number;

  constructor(options: RoutingOptions, private readonly deps: RouterDeps) {
    this.config = resolveRoutingConfig(options);
    this.publish = safePublish(deps.publish ?? (() => undefined), deps.onPublishError);
    this.random = deps.random ?? Math.random;
    this.validate();
    for (const name of Object.keys(this.config.splits)) this.restore(name);
  }

  route(input: RouteInput, ctx: { sessionId?: string | undefined } = {}): Route {
    const requested = input.model ?? this.config.defaultModel;
    const chain = (alias: string) => candidateChain(this.deps.catalog.require(alias), this.config.fallbacks, this.deps.catalog);
    if (requested === 'auto') {
      return { requested, reason: 'auto', candidates: chain(chooseAutoModel(input.latestUserText(), this.config.auto)) };
    }
    const variants = this.weights.get(requested);
    if (variants) {
      const fraction = ctx.sessionId ? stickyFraction(requested, ctx.sessionId) : this.random();
      // Canary rollback never zeroes the last weighted variant, so a pick always exists.
      const variant = pickWeighted(variants, fraction)!;
      return { requested, reason: 'split', split: { name: requested, variant: variant.model }, candidates: chain(variant.model) };
    }
    return { requested, reason: 'explicit', candidates: chain(requested) };
  }

  /** Every model a request for `model` could end up on — what a budget reservation must cover. */
  possibleEntries(model?: string): CatalogEntry[] {
    const requested = model ?? this.config.defaultModel;
    const chain = (alias: string) => candidateChain(this.deps.catalog.require(alias), this.config.fallbacks, this.deps.catalog);
    let aliases: string[] = [requested];
    if (requested === 'auto') aliases = [this.config.auto.small, this.config.auto.large];
    // Own keys only: a caller's model `__proto__` or `constructor` is not a split (it was a 500).
    else if (Object.hasOwn(this.config.splits, requested)) aliases = this.config.splits[requested]!.variants.map((v) => v.model);
    return [...new Set(aliases.flatMap(chain))];
  }

  /** Feeds the canary: did the split variant itself serve the request? */
  recordOutcome(route: Route, ok: boolean): void {
    if (!route.split) return;
    const { name, variant } = route.split;
    const canary = this.canaryConfig(name);
    const key = `${name}\u0000${variant}`;
    let window = this.windows.get(key);
    if (!window) this.windows.set(key, (window = new OutcomeWindow(canary.windowMs)));
    const now = this.deps.clock.now();
    window.record(ok, now);
    const stats = window.stats(now);
    if (!shouldRollBack(stats, canary)) return;
    const variants = this.weights.get(name)!;
    const target = variants.find((v) => v.model === variant);
    const othersLive = variants.some((v) => v.model !== variant && v.weight > 0);
    if (!target || target.weight === 0 || !othersLive) return;
    this.weights.set(name, variants.map((v) => (v.model === variant ? { ...v, weight: 0 } : v)));
    this.publish('CanaryRolledBack', {
      split: name,
      variant,
      previousWeight: target.weight,
      errorRate: stats.errorRate,
      samples: stats.samples,
      failures: stats.failures,
      maxErrorRate: canary.maxErrorRate,
      windowMs: canary.windowMs,
      at: new Date(now).toISOString(),
    });
  }

  /** The canary window of one split variant right now (for health output and tests). */
  canaryStats(split: string, variant: string): CanaryStats {
    const window = this.windows.get(`${split}\u0000${variant}`);
    return window ? window.stats(this.deps.clock.now()) : { samples: 0, failures: 0, errorRate: 0 };
  }

  currentWeights(split: string): SplitVariant[] {
    return (this.weights.get(split) ?? []).map((v) => ({ ...v }));
  }

  /** Puts a split back to its configured weights (an operator's decision after a rollback). */
  restore(split: string): void {
    const config = this.config.splits[split];
    if (!config) return;
    this.weights.set(split, config.variants.map((v) => ({ ...v })));
    for (const v of config.variants) this.windows.delete(`${split}\u0000${v.model}`);
  }

  private canaryConfig(split: string): CanaryConfig {
    return { ...this.config.canary, ...this.config.splits[split]?.canary };
  }

  private validate(): void {
    const problems: string[] = [];
    const known = (alias: string) => this.deps.catalog.resolve(alias) !== undefined;
    for (const [name, split] of Object.entries(this.config.splits)) {
      if (name === 'auto' || known(name)) problems.push(`split "${name}" shadows a model name`);
      if (!split.variants.some((v) => v.weight > 0)) problems.push(`split "${name}" has no positive weight`);
      for (const v of split.variants) if (!known(v.model)) problems.push(`split "${name}" names unknown model "${v.model}"`);
    }
    for (const [alias, chain] of Object.entries(this.config.fallbacks)) {
      for (const name of [alias, ...chain]) if (!known(name)) problems.push(`fallbacks name unknown model "${name}"`);
    }
    if (problems.length) {
      throw new HashiError('FM_ROUTING_INVALID', `Invalid routing configuration: ${problems.join('; ')}`, {
        status: 500,
        details: { problems },
      });
    }
  }
}
