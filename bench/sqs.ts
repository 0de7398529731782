/**
 * SQS through the official SDK: SendMessage + ReceiveMessage + DeleteMessage
 * against a listening Hashi (HTTP, SigV4, the AWS JSON protocol, the store),
 * on SQLite and (when HASHI_TEST_PG_URL is set) PostgreSQL. In the same run,
 * per backend: the SQS capability called in-process (no HTTP, no SDK), and
 * the native job queue doing the same traffic (enqueue + claim + run + ack) —
 * so the ratios show what the wire and the SQS semantics cost.
 *   npx tsx bench/sqs.ts [messages=2000]
 * Writes bench/results/sqs.json.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';
import { loadConfig, readEnvironment } from '../src/config/index.ts';
import { accountFor } from '../src/keys/index.ts';
import { createHashi } from '../src/main.ts';
import { silentLogger } from '../src/observability/index.ts';
import type { Queue } from '../src/queue/index.ts';
import type { QueueRecord, Sqs } from '../src/sqs/index.ts';
import { pgStoreYaml } from '../test/events/support.ts';
import { environment, round, writeResult } from './support/report.ts';

const MESSAGES = Number(process.argv[2] ?? 2000);
const PRODUCERS = 16;
const CONSUMERS = 16;
const BODY = JSON.stringify({ orderId: 'o-123', total: 4200, items: [{ sku: 'manga-1', qty: 2 }] });

/** `producers` loops sending until `n` are sent; `consumers` loop receiving (≤ 10) and deleting until `n` are deleted. */
async function traffic(n: number, send: () => Promise<void>, receive: () => Promise<string[]>, remove: (handle: string) => Promise<void>) {
  let sent = 0;
  let deleted = 0;
  let receives = 0;
  const t0 = performance.now();
  await Promise.all([
    ...Array.from({ length: PRODUCERS }, async () => {
      while (sent < n) {
        sent++;
        await send();
      }
    }),
    ...Array.from({ length: CONSUMERS }, async () => {
      while (deleted < n) {
        const handles = await receive();
        receives++;
        for (const h of handles) {
          await remove(h);
          deleted++;
        }
      }
    }),
  ]);
  const ms = performance.now() - t0;
  return { messagesPerSec: round((n / ms) * 1000), receiveCalls: receives, seconds: round(ms / 1000, 3) };
}

function sdkRun(url: string, credentials: { accessKeyId: string; secretAccessKey: string }, queueUrl: string) {
  const sqs = new SQSClient({ endpoint: url, region: 'local', credentials, maxAttempts: 1 });
  return traffic(
    MESSAGES,
    async () => void (await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: BODY }))),
    async () => ((await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }))).Messages ?? []).map((m) => m.ReceiptHandle!),
    async (h) => void (await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: h }))),
  );
}

function directRun(sqs: Sqs, queue: QueueRecord) {
  return traffic(
    MESSAGES,
    async () => void (await sqs.send(queue, [{ body: BODY }])),
    async () => (await sqs.receive(queue, { max: 10, waitSeconds: 1 })).map((m) => m.receiptHandle),
    (h) => sqs.deleteMessage(queue, h),
  );
}

/** The native queue: 16 producers enqueue one job per call while 16 workers claim, run (no-op) and ack. */
async function nativeRun(queue: Queue) {
  let done = 0;
  queue.register('bench.sqs-baseline', async () => void done++, { concurrency: CONSUMERS, batchSize: 10 });
  queue.start();
  let sent = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: PRODUCERS }, async () => {
      while (sent < MESSAGES) {
        sent++;
        await queue.enqueue({ type: 'bench.sqs-baseline', payload: BODY });
      }
    }),
  );
  await new Promise<void>((resolve) => {
    const check = setInterval(() => {
      if (done >= MESSAGES) {
        clearInterval(check);
        resolve();
      }
    }, 2);
  });
  const ms = performance.now() - t0;
  return { messagesPerSec: round((MESSAGES / ms) * 1000), seconds: round(ms / 1000, 3) };
}

async function measure(backend: 'sqlite' | 'postgres') {
  const pg = backend === 'postgres' ? await pgStoreYaml() : { yaml: '', drop: async () => undefined };
  const dataDir = mkdtempSync(join(tmpdir(), 'hashi-bench-sqs-'));
  const yaml = `log: { level: silent }\nplans: { default: { rps: 1000000, burst: 1000000, dailyQuota: 0 } }\nqueue: { pollIntervalMs: 20 }\nsqs: { pollIntervalMs: 20 }\n${pg.yaml}`;
  const config = loadConfig({ text: yaml, env: {}, overrides: { dataDir, port: 0 } });
  const hashi = await createHashi(config, { http: true, logger: silentLogger() });
  try {
    const url = await hashi.app!.listen({ host: '127.0.0.1', port: 0 });
    const key = await hashi.awsKeys.create({ tenant: 'bench' });
    const account = accountFor('bench', hashi.config.aws.accounts, hashi.events.identity.account);
    const sdkQueue = await hashi.sqs.queues.create(account, 'bench-sdk');
    const directQueue = await hashi.sqs.queues.create(account, 'bench-direct');
    const load = loadavg()[0];
    const native = await nativeRun(hashi.queue);
    const direct = await directRun(hashi.sqs, directQueue);
    const sdk = await sdkRun(url, key, `${url}/${sdkQueue.account}/${sdkQueue.name}`);
    return {
      backend,
      messages: MESSAGES,
      producers: PRODUCERS,
      consumers: CONSUMERS,
      loadAverageAtStart: round(load ?? 0),
      nativeQueue: native,
      sqsInProcess: direct,
      sqsThroughSdk: sdk,
      sdkVsNativeQueue: round(sdk.messagesPerSec / native.messagesPerSec, 3),
      sdkVsInProcess: round(sdk.messagesPerSec / direct.messagesPerSec, 3),
    };
  } finally {
    await hashi.stop();
    rmSync(dataDir, { recursive: true, force: true });
    await pg.drop();
  }
}


const env = readEnvironment();
const backends: Array<'sqlite' | 'postgres'> = env.testPgUrl ? ['sqlite', 'postgres'] : ['sqlite'];
const results = [];
for (const b of backends) {
  const r = await measure(b);
  console.log(JSON.stringify(r));
  results.push(r);
}
const file = writeResult('sqs', {
  benchmark:
    'SQS: 16 producers SendMessage while 16 consumers ReceiveMessage (up to 10, WaitTimeSeconds 1) and DeleteMessage each, until every message is deleted; through @aws-sdk/client-sqs over HTTP with SigV4, and the same calls in-process; baseline: the native job queue (enqueue one job per call, 16 workers claim+run+ack) in the same run',
  command: `HASHI_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/sqs.ts ${MESSAGES}`,
  ...environment(['@aws-sdk/client-sqs']),
  results,
});
console.log(`wrote ${file}`);
