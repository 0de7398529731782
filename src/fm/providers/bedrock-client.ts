import type { BedrockRuntimeClient, BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import { lazyClient, type LazyClient } from './lazy-client.ts';

/** The SDK module, imported on the provider's first call (lazy-client.ts). */
export type BedrockSdk = typeof import('@aws-sdk/client-bedrock-runtime');

export interface BedrockCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface BedrockClientOptions {
  /** Absent: the SDK's region chain (env, profile). */
  region?: string;
  /** e.g. a VPC endpoint, or the fake upstream in tests. */
  endpoint?: string;
  /** Absent: the SDK's default credential chain. */
  credentials?: BedrockCredentials;
  timeoutMs?: number;
}

/** One runtime client, SDK retries off (maxAttempts 1): the gateway's resilience layer owns retries. */
export function createBedrockClient(provider: string, options: BedrockClientOptions): LazyClient<BedrockSdk, BedrockRuntimeClient> {
  const config: BedrockRuntimeClientConfig = { maxAttempts: 1 };
  if (options.region !== undefined) config.region = options.region;
  if (options.endpoint !== undefined) config.endpoint = options.endpoint;
  if (options.credentials !== undefined) config.credentials = { ...options.credentials };
  if (options.timeoutMs !== undefined) {
    config.requestHandler = { requestTimeout: options.timeoutMs, throwOnRequestTimeout: true };
  }
  return lazyClient(provider, '@aws-sdk/client-bedrock-runtime', () => import('@aws-sdk/client-bedrock-runtime'), (sdk) => new sdk.BedrockRuntimeClient(config));
}
