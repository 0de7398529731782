import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { pgUrl } from '../support/backends.ts';
import { runCli, startServer } from '../support/cli.ts';
import { Receiver } from './receiver.ts';
import { stripeHeaders } from './signers.ts';
import { underSchemaLock } from './serialized-backends.ts';
import { verifyReceived } from './verify-standard.ts';

/*
 * The store is the source of truth: the real server (a child process) accepts
 * a signed delivery with 2xx and is killed with SIGKILL while the event's
 * outbound delivery is still in flight (the receiver never answers). A new
 * process on the same store finishes the job: the receiver gets the delivery,
 * signed, with the same message id.
 */
const STRIPE = 'whsec_crash_stripe_0123456789abcdef';
const OUT = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ADMIN = 'crash-admin-key';

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * Stops a server we started unless it already exited (a SIGKILLed child has a
 * signalCode, not an exitCode); SIGKILL if it has not exited within 15 s.
 */
const stopIfRunning = (server: Server) => async () => {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await server.stop();
  clearTimeout(timer);
};

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const backends: Array<{ name: string; store: () => Promise<{ yaml: string; drop: () => Promise<void> }> }> = [
  { name: 'sqlite', store: async () => ({ yaml: '', drop: async () => undefined }) },
];
if (pgUrl) {
  backends.push({
    name: 'postgres',
    store: async () => {
      const schema = `hashi_crash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      return {
        yaml: `store:\n  url: "${pgUrl}"\n  schema: ${schema}\n`,
        drop: () =>
          underSchemaLock(async () => {
            const client = new pg.Client({ connectionString: pgUrl });
            await client.connect();
            await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await client.end();
          }),
      };
    },
  });
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

for (const backend of backends) {
  describe(`webhooks survive a crash after the 2xx [${backend.name}]`, () => {
    const stops: Array<() => Promise<unknown>> = [];
    afterEach(async () => {
      for (const stop of stops.splice(0).reverse()) await stop().catch(() => undefined);
    }, 60_000);

    it('finishes the delivery after SIGKILL and restart, and the CLI lists and replays the stored delivery', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hashi-crash-'));
      dirs.push(dir);
      const receiver = await new Receiver().start();
      stops.push(() => receiver.stop());
      const store = await backend.store();
      stops.push(store.drop);
      receiver.reply = () => ({ status: 200, hang: true });
      const config = join(dir, 'hashi.yaml');
      writeFileSync(
        config,
        [
          `admin:\n  key: ${ADMIN}`,
          'log:\n  level: warn',
          store.yaml,
          `sources:\n  stripe: { scheme: stripe, secrets: ["${STRIPE}"] }`,
          `subscriptions:\n  - { id: erp, url: "${receiver.url}", pattern: { source: [webhooks.stripe] }, secret: "${OUT}" }`,
          // A killed worker's job becomes visible again after timeoutMs + 5 s (7 s) instead of 30 s.
          'webhooks:\n  outbound:\n    allow: [127.0.0.1]\n    timeoutMs: 2000',
          '',
        ].join('\n'),
      );
      const args = ['--config', config, '--data-dir', join(dir, 'data')];

      const first = await startServer(args);
      stops.push(stopIfRunning(first));
      const body = '{"id":"evt_crash","type":"payment_intent.succeeded","data":{"object":{"id":"pi_9"}}}';
      const accepted = await fetch(`${first.url}/webhooks/stripe`, { method: 'POST', headers: stripeHeaders(body, STRIPE, Math.floor(Date.now() / 1000)), body });
      const answer = (await accepted.json()) as { status: string; deliveryId: string; eventIds: string[] };
      await until('the first attempt to reach the receiver', () => receiver.received.length === 1);
      const killed = await first.stop('SIGKILL');

      receiver.reply = () => ({ status: 200, body: 'ok' });
      const second = await startServer(args);
      stops.push(stopIfRunning(second));
      await until('the delivery to be retried by the new process', () => receiver.received.length === 2);
      let attempts: { attempts: Array<{ outcome: string; status: number }> } = { attempts: [] };
      await until('the attempt to be recorded', async () => {
        attempts = (await fetch(`${second.url}/admin/webhooks/subscriptions/erp/attempts`, { headers: { 'x-admin-key': ADMIN } }).then((r) => r.json())) as typeof attempts;
        return attempts.attempts.length > 0;
      });
      await second.stop();

      expect(accepted.status).toBe(202);
      expect(answer.status).toBe('accepted');
      expect(killed).toBeNull();
      const [beforeCrash, afterCrash] = receiver.received;
      expect(afterCrash!.headers['webhook-id']).toBe(beforeCrash!.headers['webhook-id']);
      expect(verifyReceived(afterCrash!, OUT, Date.now())).toMatchObject({ type: 'payment_intent.succeeded', data: { id: 'evt_crash' } });
      expect(attempts.attempts[0]).toMatchObject({ outcome: 'succeeded', status: 200 });

      const listed = await runCli(['webhooks', 'deliveries', '--json', ...args]);
      expect(listed.code).toBe(0);
      expect((JSON.parse(listed.stdout) as Array<{ id: string; eventIds: string[] }>).map((d) => [d.id, d.eventIds])).toEqual([[answer.deliveryId, answer.eventIds]]);
      const replayed = await runCli(['webhooks', 'replay', answer.deliveryId, '--json', ...args]);
      expect(replayed.code).toBe(0);
      expect(JSON.parse(replayed.stdout).eventIds).toHaveLength(1);

      const third = await startServer(args);
      stops.push(stopIfRunning(third));
      await until('the replayed event to be delivered', () => receiver.received.length === 3);
      expect(receiver.received[2]!.headers['webhook-id']).not.toBe(beforeCrash!.headers['webhook-id']);
    }, 180_000);
  });
}
