import { fmProviderSchema } from '../../config/index.ts';
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

/** JSON Schema for one `ProviderDefinition`: the one in the config schema (config validates hashi.yaml). */
export const PROVIDER_DEFINITION_SCHEMA = fmProviderSchema;
