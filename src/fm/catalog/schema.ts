import { fmModelsSchema } from '../../config/index.ts';
/**
 * The `fm.models` section of hashi.yaml: alias → provider, model id, defaults
 * and prices. The config loader embeds this fragment in its schema; the TS
 * types below describe the same shape.
 */
export interface ModelPrice {
  /** USD per million input tokens (prompt-cache reads and writes are priced apart). */
  inputPerMillion: number;
  /** USD per million output tokens. */
  outputPerMillion: number;
  /** USD per million tokens read from the provider's prompt cache; default: `inputPerMillion`. */
  cacheReadPerMillion?: number;
  /** USD per million tokens written to the provider's prompt cache; default: 1.25 × `inputPerMillion`. */
  cacheWritePerMillion?: number;
}

export interface ModelConfig {
  /** A provider name configured under `fm.providers`. */
  provider: string;
  /** The provider's own model id, e.g. `anthropic.claude-3-haiku-20240307-v1:0`. */
  model: string;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  /** Omit for models whose cost is unknown (local models): they are "unpriced", never $0. */
  price?: ModelPrice;
}

export type ModelCatalogConfig = Record<string, ModelConfig>;

/** Aliases the router gives a meaning of its own; a model cannot take them. */
export const RESERVED_ALIASES = ['auto'] as const;

/** The catalog's JSON Schema: the one in the config schema (config validates hashi.yaml). */
export const MODEL_CATALOG_SCHEMA = fmModelsSchema;
