import { fmRoutingSchema } from '../../config/index.ts';
/** The `fm.routing` section of hashi.yaml, with its defaults and JSON Schema fragment. */
export interface AutoRouteConfig {
  /** Alias used for simple prompts. */
  small: string;
  /** Alias used for complex prompts. */
  large: string;
  /** More words than this makes a prompt complex. */
  wordThreshold: number;
  /** Case-insensitive phrases that make a prompt complex. */
  keywords: string[];
}

export interface SplitVariant {
  /** A catalog alias. */
  model: string;
  /** Relative weight; 80/20 and 0.8/0.2 mean the same. */
  weight: number;
}

export interface CanaryConfig {
  /** Sliding window over which a variant's error rate is measured. */
  windowMs: number;
  /** No verdict before this many outcomes in the window. */
  minSamples: number;
  /** A variant whose error rate passes this is rolled back (weight 0). */
  maxErrorRate: number;
}

export interface SplitConfig {
  variants: SplitVariant[];
  canary?: Partial<CanaryConfig>;
}

export interface RoutingConfig {
  /** Used when a request names no model: an alias, a split, or `auto`. */
  defaultModel: string;
  auto: AutoRouteConfig;
  /** Named weighted splits; a request selects one by naming it as its model. */
  splits: Record<string, SplitConfig>;
  /** Alias → aliases to try, in order, when it fails or its circuit is open. */
  fallbacks: Record<string, string[]>;
  canary: CanaryConfig;
}

export interface RoutingOptions {
  defaultModel?: string;
  auto?: Partial<AutoRouteConfig>;
  splits?: Record<string, SplitConfig>;
  fallbacks?: Record<string, string[]>;
  canary?: Partial<CanaryConfig>;
}

/** From the MangaAssist design: Haiku for simple questions, Sonnet for >200 words or analysis requests. */
export const ROUTING_DEFAULTS: RoutingConfig = {
  defaultModel: 'auto',
  auto: {
    small: 'haiku',
    large: 'sonnet',
    wordThreshold: 200,
    keywords: ['analyze', 'compare', 'explain why', 'summarize', 'recommend based on'],
  },
  splits: {},
  fallbacks: {},
  canary: { windowMs: 300_000, minSamples: 20, maxErrorRate: 0.05 },
};

export function resolveRoutingConfig(options: RoutingOptions = {}): RoutingConfig {
  return {
    defaultModel: options.defaultModel ?? ROUTING_DEFAULTS.defaultModel,
    auto: { ...ROUTING_DEFAULTS.auto, ...options.auto },
    splits: options.splits ?? {},
    fallbacks: options.fallbacks ?? {},
    canary: { ...ROUTING_DEFAULTS.canary, ...options.canary },
  };
}

/** The routing JSON Schema: the one in the config schema (config validates hashi.yaml). */
export const ROUTING_SCHEMA = fmRoutingSchema;
