import Anthropic from '@anthropic-ai/sdk';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import OpenAI from 'openai';
import type { FakeUpstream } from './types.ts';

/** The official SDKs pointed at a fake, as the fake's own tests use them (no retries, so faults surface). */
export function sdkClients(fake: FakeUpstream, keys: { openai?: string; anthropic?: string; awsAccessKeyId?: string } = {}) {
  return {
    openai: new OpenAI({ apiKey: keys.openai ?? 'sk-fake', baseURL: `${fake.url}/v1`, maxRetries: 0 }),
    anthropic: new Anthropic({ apiKey: keys.anthropic ?? 'sk-ant-fake', baseURL: fake.url, maxRetries: 0 }),
    bedrock: new BedrockRuntimeClient({
      region: 'us-east-1',
      endpoint: fake.url,
      maxAttempts: 1,
      credentials: { accessKeyId: keys.awsAccessKeyId ?? 'AKIDFAKE', secretAccessKey: 'secret' },
    }),
  };
}

/** Decodes InvokeModel(WithResponseStream) bytes into the Anthropic object they carry. */
export const decodeJson = (bytes: Uint8Array | undefined): any => JSON.parse(Buffer.from(bytes ?? new Uint8Array()).toString('utf8'));
