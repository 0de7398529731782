import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Hashi } from '../../src/main.ts';
import { pgStoreYaml } from '../events/support.ts';
import { testHashi } from '../support/hashi.ts';

export type ListeningHashi = Hashi & { close(): Promise<void>; url: string };

/** A Hashi listening on an ephemeral port of 127.0.0.1 (the SDKs speak real HTTP), on SQLite or a fresh PostgreSQL schema. */
export async function listeningHashi(backend: 'sqlite' | 'postgres', yaml = ''): Promise<ListeningHashi> {
  const pg = backend === 'postgres' ? await pgStoreYaml() : { yaml: '', drop: async () => undefined };
  const hashi = await testHashi({ yaml: yaml + pg.yaml });
  const url = await hashi.app!.listen({ host: '127.0.0.1', port: 0 });
  const close = hashi.close;
  return Object.assign(hashi, {
    url,
    async close() {
      await close();
      await pg.drop();
    },
  });
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export async function awsKey(hashi: Hashi, tenant: string): Promise<AwsCredentials> {
  const { accessKeyId, secretAccessKey } = await hashi.awsKeys.create({ tenant });
  return { accessKeyId, secretAccessKey };
}

type ClientOptions = { maxAttempts?: number; systemClockOffset?: number; region?: string };

/** The official clients pointed at Hashi: an endpoint, a region, credentials — nothing else. */
export function clients(hashi: ListeningHashi, credentials: AwsCredentials, opts: ClientOptions = {}) {
  const config = { endpoint: hashi.url, region: opts.region ?? 'local', credentials, maxAttempts: opts.maxAttempts ?? 1, ...(opts.systemClockOffset ? { systemClockOffset: opts.systemClockOffset } : {}) };
  return { eb: new EventBridgeClient(config), sqs: new SQSClient(config) };
}

/** The error an SDK call rejects with: its name (the AWS exception), message and HTTP status. */
export async function refusal(call: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await call;
  } catch (err) {
    const e = err as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded');
}
