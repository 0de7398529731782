/**
 * The `fm.models` section of hashi.yaml: alias → provider, model id, defaults
 * and prices. The config loader embeds this fragment in its schema; the TS
 * types below describe the same shape.
 */
export interface ModelPrice {
  /** USD per million input tokens. */
  inputPerMillion: number;
  /** USD per million output tokens. */
  outputPerMillion: number;
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

export const MODEL_CATALOG_SCHEMA = {
  type: 'object',
  description: 'Model aliases (e.g. haiku, sonnet) mapped to a provider, model id, defaults and prices.',
  propertyNames: { pattern: '^[a-z0-9][a-z0-9._-]*$', not: { enum: [...RESERVED_ALIASES] } },
  additionalProperties: {
    type: 'object',
    required: ['provider', 'model'],
    additionalProperties: false,
    properties: {
      provider: { type: 'string', minLength: 1, description: 'Provider name from fm.providers.' },
      model: { type: 'string', minLength: 1, description: "The provider's model id." },
      maxTokens: { type: 'integer', minimum: 1, default: 1024, description: 'Default max output tokens.' },
      temperature: { type: 'number', minimum: 0, maximum: 2, description: 'Default temperature.' },
      topP: { type: 'number', exclusiveMinimum: 0, maximum: 1, description: 'Default top-p.' },
      price: {
        type: 'object',
        description: 'USD per million tokens; omit for an unpriced model.',
        required: ['inputPerMillion', 'outputPerMillion'],
        additionalProperties: false,
        properties: {
          inputPerMillion: { type: 'number', minimum: 0 },
          outputPerMillion: { type: 'number', minimum: 0 },
        },
      },
    },
  },
} as const;
