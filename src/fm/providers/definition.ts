/** A provider as configured in hashi.yaml (`fm.providers[]`). */
export type ProviderType = 'bedrock' | 'bedrock-invoke' | 'anthropic' | 'openai' | 'offline';

export interface ProviderDefinition {
  /** How routes and logs refer to it, e.g. `bedrock`, `local-ollama`. */
  name: string;
  /**
   * `bedrock`: Converse API (any Bedrock model); `bedrock-invoke`: InvokeModel
   * with the Anthropic Messages body; `anthropic`: the Anthropic API;
   * `openai`: any OpenAI-compatible server (Ollama, vLLM, llama.cpp, OpenAI);
   * `offline`: the built-in extractive model.
   */
  type: ProviderType;
  /** Bedrock region; absent: the AWS SDK's region chain. */
  region?: string;
  /** Bedrock endpoint override (VPC endpoint, test double). */
  endpoint?: string;
  /** Anthropic or OpenAI-compatible base URL (for OpenAI-compatible, including `/v1`). */
  baseUrl?: string;
  apiKey?: string;
  /** Static AWS credentials; absent: the AWS SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Enables `embed()`: a Titan model id on Bedrock, a model name on OpenAI-compatible. */
  embeddingModel?: string;
  embeddingDimensions?: number;
  /** Per-call socket timeout in ms (the gateway deadline usually fires first). */
  timeoutMs?: number;
  /** Overrides the type's default (true for Bedrock and Anthropic, false for OpenAI-compatible and offline). */
  supportsImages?: boolean;
}

/** JSON Schema (draft 2020-12 / Ajv) for one `ProviderDefinition`, for the config schema. */
export const PROVIDER_DEFINITION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'How routes and logs refer to this provider.' },
    type: { enum: ['bedrock', 'bedrock-invoke', 'anthropic', 'openai', 'offline'], description: 'Which backend adapter to use.' },
    region: { type: 'string', minLength: 1, description: 'Bedrock region; default: the AWS SDK region chain.' },
    endpoint: { type: 'string', format: 'uri', description: 'Bedrock endpoint override.' },
    baseUrl: { type: 'string', format: 'uri', description: 'Anthropic / OpenAI-compatible base URL (OpenAI-compatible includes /v1).' },
    apiKey: { type: 'string', minLength: 1, description: 'API key (use ${ENV} interpolation, never a literal).' },
    credentials: {
      type: 'object',
      additionalProperties: false,
      required: ['accessKeyId', 'secretAccessKey'],
      properties: {
        accessKeyId: { type: 'string', minLength: 1 },
        secretAccessKey: { type: 'string', minLength: 1 },
        sessionToken: { type: 'string', minLength: 1 },
      },
      description: 'Static AWS credentials; default: the AWS SDK credential chain.',
    },
    embeddingModel: { type: 'string', minLength: 1, description: 'Enables embeddings (Titan model id on Bedrock).' },
    embeddingDimensions: { type: 'integer', minimum: 1, maximum: 8192, description: 'Requested embedding size, where the model supports it.' },
    timeoutMs: { type: 'integer', minimum: 1, description: 'Per-call socket timeout in milliseconds.' },
    supportsImages: { type: 'boolean', description: 'Override whether routing may send images here.' },
  },
} as const;
