import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/events/index.ts';
import { FakeClock } from '../../src/kernel/index.ts';
import { createHashi } from '../../src/main.ts';
import { silentLogger } from '../../src/observability/index.ts';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream/index.ts';
import { backends, bearer, ingest, startDeskOn, ticketBody, type Desk } from './harness.ts';

const START = Date.UTC(2026, 5, 1, 9, 0, 0);
const REPLY = 'Unplug the vehicle, wait one minute and check that the cable is dry [ev-e101-ground-fault].';
// Longer than the queue's longest backoff (300 s) and well inside the job's max age (1 h).
const AFTER_BACKOFF = 301_000;

/** The FM gateway with one OpenAI-compatible model on the fake upstream, and no gateway-level retries: the job retries. */
function yaml(fake: FakeUpstream, extra = '') {
  const fm = {
    providers: [{ name: 'local', type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'none' }],
    models: { solver: { provider: 'local', model: 'llama3.2:3b', maxTokens: 512, price: { inputPerMillion: 1, outputPerMillion: 2 } } },
    routing: { defaultModel: 'solver' },
    cache: { enabled: false },
    resilience: { retry: { retries: 0 }, timeouts: { timeoutMs: 5000, firstByteTimeoutMs: 5000, idleTimeoutMs: 5000 } },
  };
  return `fm: ${JSON.stringify(fm)}\nsupport:\n  workflow:\n    maxAttempts: 3\n${extra}`;
}

const chats = (fake: FakeUpstream) => fake.requests.filter((r) => r.api === 'openai.chat');

/** Collects every hashi.support event delivered through a rule, as an application would. */
async function captureEvents(desk: Desk): Promise<EventEnvelope[]> {
  const seen: EventEnvelope[] = [];
  desk.events.registerFunction('test.capture', async (event) => void seen.push(event));
  await desk.events.putRule({ Name: 'test-capture', EventPattern: { source: ['hashi.support'] }, Targets: [{ Id: 'capture', Arn: 'function:test.capture' }] });
  return seen;
}

for (const backend of backends) {
  describe(`Support Desk workflow with FM faults [${backend.name}]`, () => {
    let fake: FakeUpstream;
    let desk: Desk;
    let key: string;
    const clock = new FakeClock(START);
    beforeAll(async () => {
      fake = await startFakeUpstream();
    });
    afterAll(async () => fake.close());
    afterEach(async () => {
      await desk.close();
      fake.reset();
      clock.set(START);
    });

    async function start() {
      fake.script({ reply: REPLY, usage: { inputTokens: 120, outputTokens: 18 } });
      desk = await startDeskOn(backend, { clock, yaml: yaml(fake) });
      await ingest(desk);
      key = (await desk.keys.create({ tenant: 'acme', customerId: 'C123' })).key;
    }
    const file = async () => (await desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: bearer(key), payload: ticketBody() })).json().ticket_id as string;
    const read = async (id: string) => (await desk.app!.inject({ url: `/support/v1/tickets/${id}`, headers: bearer(key) })).json();

    it('retries after a failed generation (503), then solves once: READY, cited, TicketSolved', async () => {
      await start();
      const events = await captureEvents(desk);
      fake.script({ fault: { type: 'status', status: 503 }, times: 1 });
      const id = await file();

      await desk.queue.drain();
      expect((await read(id)).status).toBe('PROCESSING');
      const notYet = await desk.app!.inject({ url: `/support/v1/tickets/${id}/solution/stream`, headers: bearer(key) });
      expect(notYet.statusCode).toBe(409);
      expect(notYet.json().error.code).toBe('SOLUTION_NOT_READY');
      expect(notYet.json().error.details.reason).toMatch(/^retrying: attempt 1 failed \(FM_UNAVAILABLE\)/);

      clock.tick(AFTER_BACKOFF);
      await desk.queue.drain();
      const ticket = await read(id);
      expect(ticket.status).toBe('READY');
      expect(ticket.solution).toEqual({
        text: REPLY,
        citations: [{ id: 'ev-e101-ground-fault', title: 'E101 ground fault: the residual current device trips' }],
        grounded: true,
        generated_at: new Date(START + AFTER_BACKOFF).toISOString(),
      });
      expect(chats(fake)).toHaveLength(2);
      // The retrieved passages went to the model as context, filtered to chargers and led by the E101 article.
      const system = JSON.stringify(chats(fake)[1]!.body.messages[0]);
      expect(system).toContain('[ev-e101-ground-fault]');
      expect(system).not.toContain('inv-e205-insulation');
      expect(events.map((e) => e['detail-type'])).toEqual(['TicketCreated', 'TicketSolved']);
      expect(events[1]!.detail).toMatchObject({ ticket_id: id, status: 'READY', grounded: true, citations: ['ev-e101-ground-fault'] });
      const generation = await desk.store.db.withTables<{ support_generations: { ticket_id: string; cost_usd: number; input_tokens: number } }>().selectFrom('support_generations').selectAll().where('ticket_id', '=', id).executeTakeFirstOrThrow();
      expect(generation.input_tokens).toBe(120);
      expect(Number(generation.cost_usd)).toBeCloseTo((120 * 1 + 18 * 2) / 1e6, 12);
    });

    it('gives up after maxAttempts: FAILED with the reason, TicketFailed, and the job in the DLQ with its context', async () => {
      await start();
      const events = await captureEvents(desk);
      fake.script({ fault: { type: 'status', status: 503 }, times: 3 });
      const id = await file();
      for (let i = 0; i < 3; i++) {
        await desk.queue.drain();
        clock.tick(AFTER_BACKOFF);
      }
      const ticket = await read(id);
      expect(ticket.status).toBe('FAILED');
      expect(ticket.failure_reason).toBe('the solution could not be generated after 3 attempts (FM_UNAVAILABLE)');
      expect(ticket.solution).toBeUndefined();
      expect(chats(fake)).toHaveLength(3);
      const [dead, ...more] = await desk.queue.listDead({ type: 'support.solve' });
      expect(more).toEqual([]);
      expect(dead).toMatchObject({ reason: 'exhausted', attempts: 3, payload: { ticketId: id }, meta: { ticketId: id, tenant: 'acme', customerId: 'C123', eventId: expect.any(String) } });
      expect(dead!.errors.map((e) => e.code)).toEqual(['FM_UNAVAILABLE', 'FM_UNAVAILABLE', 'FM_UNAVAILABLE']);
      expect(events.map((e) => e['detail-type'])).toEqual(['TicketCreated', 'TicketFailed']);
      const stream = await desk.app!.inject({ url: `/support/v1/tickets/${id}/solution/stream`, headers: bearer(key) });
      expect(stream.statusCode).toBe(409);
      expect(stream.json().error).toMatchObject({ code: 'SOLUTION_FAILED', details: { status: 'FAILED', reason: ticket.failure_reason } });
    });
  });
}

describe('Support Desk workflow: classification, grounding and idempotent steps [sqlite]', () => {
  let fake: FakeUpstream;
  let desk: Desk;
  let key: string;
  const clock = new FakeClock(START);
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => fake.close());
  afterEach(async () => {
    await desk.close();
    fake.reset();
    clock.set(START);
  });

  async function start(options: { kb?: boolean; reply?: string } = {}) {
    fake.script({ reply: options.reply ?? REPLY });
    desk = await startDeskOn(backends[0]!, { clock, yaml: yaml(fake) });
    if (options.kb ?? true) await ingest(desk);
    key = (await desk.keys.create({ tenant: 'acme', customerId: 'C123' })).key;
  }
  const file = async (body = ticketBody()) => (await desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: bearer(key), payload: body })).json().ticket_id as string;
  const read = async (id: string) => (await desk.app!.inject({ url: `/support/v1/tickets/${id}`, headers: bearer(key) })).json();

  it('a refusal by the model (400) is permanent: FAILED after one attempt, dead-lettered as permanent', async () => {
    await start();
    fake.script({ fault: { type: 'status', status: 400, message: 'context too long' }, times: 1 });
    const id = await file();
    await desk.queue.drain();
    const ticket = await read(id);
    expect(ticket.status).toBe('FAILED');
    expect(ticket.failure_reason).toMatch(/^the solution request was refused \(FM_PROVIDER_REJECTED\)$/);
    expect(chats(fake)).toHaveLength(1);
    const dead = await desk.queue.listDead({ type: 'support.solve' });
    expect(dead.map((d) => [d.reason, d.attempts])).toEqual([['permanent', 1]]);
  });

  it('throttling (429) is retried', async () => {
    await start();
    fake.script({ fault: { type: 'throttle', retryAfterSeconds: 1 }, times: 1 });
    const id = await file();
    await desk.queue.drain();
    expect((await read(id)).status).toBe('PROCESSING');
    clock.tick(AFTER_BACKOFF);
    await desk.queue.drain();
    expect((await read(id)).status).toBe('READY');
  });

  it('a stored generation is reused, never regenerated or billed again, when the job runs again', async () => {
    await start();
    const id = await file();
    await desk.queue.drain();
    expect(chats(fake)).toHaveLength(1);
    // As if the worker died after storing the generation and before setting READY: the job runs again.
    await desk.store.db.withTables<{ support_tickets: { id: string; status: string } }>().updateTable('support_tickets').set({ status: 'PROCESSING' }).where('id', '=', id).execute();
    await desk.queue.enqueue({ type: 'support.solve', payload: { ticketId: id } });
    await desk.queue.drain();
    expect((await read(id)).status).toBe('READY');
    expect(chats(fake)).toHaveLength(1);
    // And a redelivered TicketCreated for a solved ticket does nothing.
    await desk.queue.enqueue({ type: 'support.solve', payload: { ticketId: id } });
    await desk.queue.drain();
    expect(chats(fake)).toHaveLength(1);
  });

  it('a worker shutting down mid-generation does not fail the ticket: the attempt is retried later', async () => {
    await start();
    fake.script({ fault: { type: 'hang' }, times: 1 });
    const id = await file();
    desk.queue.start();
    await fake.waitForRequests(1);
    // Past its (zero) grace the queue aborts the running job, as a SIGTERM would.
    await desk.queue.stop(0);
    const tickets = desk.store.db.withTables<{ support_tickets: { id: string; status: string; attempts: number; last_error: string | null } }>();
    let row = await tickets.selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    for (let i = 0; i < 100 && row.last_error === null; i++) {
      await new Promise((r) => setTimeout(r, 20));
      row = await tickets.selectFrom('support_tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    }
    expect(row).toMatchObject({ status: 'PROCESSING', attempts: 1, last_error: expect.stringMatching(/^SUPPORT_INTERRUPTED/) });
    expect(await desk.queue.listDead()).toEqual([]);
    // The stopped process is done; another replica on the same store runs the retry.
    const replica = await createHashi(desk.config, { http: false, clock, logger: silentLogger() });
    try {
      clock.tick(AFTER_BACKOFF);
      await replica.queue.drain();
    } finally {
      await replica.stop();
    }
    expect((await read(id)).status).toBe('READY');
    expect(chats(fake)).toHaveLength(2);
  });

  it('grounded_only with no knowledge-base passage: says so, without calling the model', async () => {
    await start({ kb: false });
    const id = await file();
    await desk.queue.drain();
    const ticket = await read(id);
    expect(ticket.status).toBe('READY');
    expect(ticket.solution).toMatchObject({ grounded: false, citations: [], text: 'No knowledge-base article answers this problem: the ticket needs a technician.' });
    expect(chats(fake)).toHaveLength(0);
  });

  it('grounded_only and an answer that cites nothing: not grounded, and it says so in the ticket language', async () => {
    await start({ reply: 'Try switching it off and on again.' });
    const id = await file(ticketBody({ lang: 'it-IT' }));
    await desk.queue.drain();
    const { solution } = await read(id);
    expect(solution.grounded).toBe(false);
    expect(solution.text).toBe('Try switching it off and on again.\n\nNessun articolo della knowledge base risponde a questo problema: il ticket va passato a un tecnico.');
    // The policies reach the model: cite passages, answer in Italian, safety first.
    const system = chats(fake)[0]!.body.messages[0].content as string;
    expect(system).toContain('Answer in Italian');
    expect(system).toContain('Cite every passage you use as [id]');
    expect(system).toContain('Safety first');
  });

  it('the scheduled purge rule fails tickets stuck in PROCESSING and deletes expired ones', async () => {
    await start();
    const events = await captureEvents(desk);
    const rule = await desk.events.getRule('support-purge-tickets');
    expect(rule).toMatchObject({ ScheduleExpression: 'rate(1 hour)', State: 'ENABLED', Targets: [{ Arn: 'function:support.purgeTickets' }] });
    const stuck = await file();
    // Its job is lost (say, dead-lettered as expired before it ever ran).
    await desk.store.db.withTables<{ jobs: { type: string } }>().deleteFrom('jobs').execute();
    clock.tick(2 * 3_600_000);
    await desk.events.runDue();
    await desk.queue.drain();
    const ticket = await read(stuck);
    expect(ticket.status).toBe('FAILED');
    expect(ticket.failure_reason).toContain('SUPPORT_WORKFLOW_EXPIRED');
    expect(events.map((e) => e['detail-type'])).toContain('TicketFailed');
    clock.tick(30 * 86_400_000);
    await desk.events.runDue();
    await desk.queue.drain();
    expect((await desk.app!.inject({ url: `/support/v1/tickets/${stuck}`, headers: bearer(key) })).statusCode).toBe(404);
    expect(await desk.store.db.withTables<{ support_tickets: { id: string } }>().selectFrom('support_tickets').select('id').execute()).toEqual([]);
  });
});
