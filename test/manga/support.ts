import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import pg from 'pg';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { vi } from 'vitest';
import { DEMO_SECRETS, signDelivery } from '../../examples/send-webhook.mjs';
import type { FakeClock } from '../../src/kernel/index.ts';
import { pgUrl } from '../support/backends.ts';
import { testHashi } from '../support/hashi.ts';

export type TestHashi = Awaited<ReturnType<typeof testHashi>>;
export type Source = 'stripe' | 'reviews' | 'catalog';

/** Standard Webhooks secrets of the demo's outbound subscriptions (the receivers verify with them). */
export const OUT_SECRETS = {
  crm: 'whsec_bWFuZ2Fhc3Npc3QtZGVtby1jcm0tc2VjcmV0',
  supplier: 'whsec_bWFuZ2Fhc3Npc3QtZGVtby1zdXBwbGllcg==',
  slack: 'whsec_bWFuZ2Fhc3Npc3QtZGVtby1zbGFjay1zZWM=',
};

/**
 * The MangaAssist block of examples/hashi.yaml, with the subscriptions
 * pointed at a local receiver (test/manga/demo-config.test.ts checks the two
 * stay the same).
 */
export function mangaYaml(receiverUrl: string, extra = ''): string {
  return `
sources:
  stripe:
    scheme: stripe
    secrets: ["${DEMO_SECRETS.stripe}"]
  reviews:
    scheme: hmac
    secrets: ["${DEMO_SECRETS.reviews}"]
    hmac: { signatureHeader: X-Webhook-Signature, timestampHeader: X-Webhook-Timestamp, encoding: hex, payload: timestamp.body }
    idempotencyKey: { field: review_id }
    enrichment: { budgetMs: 2000, onFailure: proceed }
  catalog:
    scheme: hmac
    secrets: ["${DEMO_SECRETS.catalog}"]
    hmac: { signatureHeader: X-Catalog-Signature, timestampHeader: X-Catalog-Timestamp, encoding: hex, payload: timestamp.body }
    idempotencyKey: { field: batch_id }
manga:
  sources: { payments: stripe, reviews: reviews, catalog: catalog }
events:
  rules:
${RULES}
subscriptions:
  - { id: manga-crm, url: "${receiverUrl}/crm", secret: "${OUT_SECRETS.crm}", pattern: { source: [mangaassist.orders], detail-type: [OrderConfirmed] } }
  - { id: manga-supplier, url: "${receiverUrl}/supplier", secret: "${OUT_SECRETS.supplier}", pattern: { source: [mangaassist.inventory], detail-type: [InventoryLow] } }
  - { id: manga-slack, url: "${receiverUrl}/slack", secret: "${OUT_SECRETS.slack}", transform: slack, pattern: { source: [mangaassist.moderation], detail-type: [ReviewHidden] } }
webhooks:
  outbound:
    allow: [127.0.0.1]
    jitter: 0
${extra}`;
}

/** The demo's rules, one YAML flow mapping per line (indented for events.rules). */
export const RULES = [
  `- { Name: manga-order-confirmation, EventPattern: { source: [mangaassist.payments], detail-type: [PaymentCompleted] }, Targets: [{ Id: confirm, Arn: "function:manga-order-confirmation", RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600 } }] }`,
  `- { Name: manga-review-moderation, EventPattern: { source: [mangaassist.reviews], detail-type: [ReviewSubmitted] }, Targets: [{ Id: moderate, Arn: "function:manga-review-moderation", RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600 } }] }`,
  `- { Name: manga-moderation-severe, EventPattern: { source: [mangaassist.ai], detail-type: [ModerationFlagged], detail: { severity: [high, critical] } }, Targets: [{ Id: hide, Arn: "function:manga-moderation-action" }] }`,
  `- { Name: manga-catalog-update, EventPattern: { source: [mangaassist.catalog], detail-type: [{ prefix: "CatalogUpdate." }] }, Targets: [{ Id: describe, Arn: "function:manga-catalog-update", RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600 } }] }`,
  `- { Name: manga-inference-analytics, EventPattern: { source: [hashi.fm], detail-type: [InferenceCompleted] }, Targets: [{ Id: analytics, Arn: "function:manga-inference-analytics" }] }`,
  `- { Name: manga-recommendations-refresh, ScheduleExpression: "rate(6 hours)", Targets: [{ Id: refresh, Arn: "function:manga-recommendations-refresh" }] }`,
]
  .map((r) => `    ${r}`)
  .join('\n');

/** Signs a payload with the demo secret (the same code as examples/send-webhook.mjs) and posts it. */
export async function sendWebhook(hashi: TestHashi, clock: FakeClock, source: Source, payload: unknown, options: { body?: string; secret?: string } = {}) {
  const body = options.body ?? JSON.stringify(payload);
  const headers = await signDelivery(source, body, options.secret ?? DEMO_SECRETS[source], Math.floor(clock.now() / 1000));
  return hashi.app!.inject({ method: 'POST', url: `/webhooks/${source}`, headers: { ...headers, 'content-type': 'application/json' }, payload: body });
}

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local HTTP receiver standing in for the CRM, the supplier and Slack. */
export class Receiver {
  readonly received: Received[] = [];
  status = 200;
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(this.status, { 'content-type': 'text/plain' });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * An FM section whose haiku and sonnet are Anthropic models on the fake
 * upstream (test/support/fake-upstream), with no gateway retries or response
 * cache, so every job attempt is one upstream request.
 */
export function fakeFmYaml(fakeUrl: string): string {
  const price = { inputPerMillion: 0.25, outputPerMillion: 1.25 };
  return `fm: ${JSON.stringify({
    providers: [{ name: 'anthropic', type: 'anthropic', baseUrl: fakeUrl, apiKey: 'sk-ant-test' }],
    models: { haiku: { provider: 'anthropic', model: 'claude-3-haiku', maxTokens: 512, price }, sonnet: { provider: 'anthropic', model: 'claude-3-sonnet', maxTokens: 1024, price: { inputPerMillion: 3, outputPerMillion: 15 } } },
    resilience: { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 }, breaker: { failureThreshold: 100, openMs: 1000 }, timeouts: { timeoutMs: 5000, firstByteTimeoutMs: 5000, idleTimeoutMs: 5000 } },
    cache: { enabled: false },
  })}\n`;
}

/**
 * Runs jobs until none is ready (deliveries, AI jobs, mail, outbound webhooks).
 * The FM gateway batches its InferenceCompleted publishes: flushing them first,
 * and again after each round, lets the analytics deliveries run too.
 */
export async function settle(hashi: TestHashi): Promise<number> {
  let total = 0;
  for (let round = 0; round < 20; round++) {
    await hashi.fm.flush();
    const n = await hashi.queue.drain(200);
    total += n;
    if (n === 0) break;
  }
  return total;
}

/**
 * Verifies an outbound delivery with the `standardwebhooks` library at the
 * test clock's time (the library reads Date.now() for its 5-minute window).
 */
export function verifyStandard(secret: string, received: Received, clock: FakeClock): Record<string, any> {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(clock.now());
    return new Webhook(secret).verify(received.body, received.headers as Record<string, string>) as Record<string, any>;
  } finally {
    vi.useRealTimers();
  }
}

/** The headers and decoded text body of an .eml file nodemailer wrote (quoted-printable, RFC 2045 §6.7). */
export function readEml(text: string): { headers: string; body: string } {
  const split = text.indexOf('\n\n');
  const headers = text.slice(0, split);
  const raw = text.slice(split + 2).replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === '=' && /^[0-9A-F]{2}$/.test(raw.slice(i + 1, i + 3))) {
      bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(raw[i]!, 'utf8'));
  }
  return { headers, body: Buffer.from(bytes).toString('utf8') };
}

/** Runs `fn` holding the advisory lock test/support/backends.ts takes around creating and dropping test schemas. */
async function underSchemaLock<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(20201)');
    return await fn(client);
  } finally {
    await client.query('select pg_advisory_unlock(20201)').catch(() => undefined);
    await client.end();
  }
}

/**
 * A Hashi on a fresh PostgreSQL schema (HASHI_TEST_PG_URL) or SQLite file.
 * Other suites drop their schemas at any time, which can trip the migrator's
 * introspection: an open that fails that way is tried again.
 */
export async function hashiOn(backend: 'sqlite' | 'postgres', options: { yaml: string; clock: FakeClock }): Promise<TestHashi> {
  if (backend === 'sqlite') return testHashi(options);
  for (let attempt = 1; ; attempt++) {
    const schema = `hashi_manga_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const drop = () => underSchemaLock((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => undefined);
    try {
      const hashi = await testHashi({ ...options, yaml: `${options.yaml}\nstore:\n  url: ${pgUrl}\n  schema: ${schema}\n` });
      const close = hashi.close.bind(hashi);
      return Object.assign(hashi, { close: async () => (await close(), await drop()) });
    } catch (err) {
      await drop();
      if (attempt >= 3 || !/does not exist/.test(String((err as Error).message))) throw err;
    }
  }
}
