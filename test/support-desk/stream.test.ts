import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/index.ts';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream/index.ts';
import { bearer, ingest, parseSse, startDesk, ticketBody, type Desk } from './harness.ts';

const REPLY = 'Unplug the vehicle and wait one minute. Check that the cable is dry and undamaged [ev-e101-ground-fault].';

// Issue 6: the stream sends `start`, `chunk`…, `complete` (with token counts), live while generated or replayed once READY; 404 unknown, 409 with the reason.
describe('Support Desk: GET /tickets/:id/solution/stream', () => {
  let fake: FakeUpstream;
  let desk: Desk;
  let key: string;
  beforeAll(async () => {
    fake = await startFakeUpstream();
  });
  afterAll(async () => fake.close());
  afterEach(async () => {
    await desk.close();
    fake.reset();
  });

  async function start(clock?: FakeClock) {
    const fm = {
      providers: [{ name: 'local', type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'none' }],
      models: { solver: { provider: 'local', model: 'llama3.2:3b', maxTokens: 512 } },
      routing: { defaultModel: 'solver' },
      cache: { enabled: false },
    };
    desk = await startDesk({ yaml: `fm: ${JSON.stringify(fm)}\n`, ...(clock ? { clock } : {}) });
    await ingest(desk);
    key = (await desk.keys.create({ tenant: 'acme', customerId: 'C123' })).key;
  }
  const file = async () => (await desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: bearer(key), payload: ticketBody() })).json().ticket_id as string;

  it('streams the solution live over a real connection while the model generates it', async () => {
    // 20 tokens per second: the answer takes about a second, long enough to connect mid-generation.
    fake.script({ reply: REPLY, tokensPerSecond: 20, usage: { inputTokens: 240, outputTokens: 19 } });
    await start();
    const url = await desk.app!.listen({ host: '127.0.0.1', port: 0 });
    const id = await file();

    const solving = desk.queue.drain();
    await fake.waitForRequests(1);
    const res = await fetch(`${url}/support/v1/tickets/${id}/solution/stream`, { headers: bearer(key) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const events = parseSse(await res.text());
    await solving;

    expect(events[0]).toEqual({ event: 'start', data: { ticket_id: id, status: 'PROCESSING', mode: 'live' } });
    const chunks = events.filter((e) => e.event === 'chunk');
    // Live: arrives in several pieces, not one replayed block.
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.map((c) => c.data.text).join('')).toBe(REPLY);
    expect(events.at(-1)).toEqual({
      event: 'complete',
      data: { ticket_id: id, status: 'READY', usage: { input_tokens: 240, output_tokens: 19 }, citations: [{ id: 'ev-e101-ground-fault', title: 'E101 ground fault: the residual current device trips' }], grounded: true },
    });
    const stored = (await desk.app!.inject({ url: `/support/v1/tickets/${id}`, headers: bearer(key) })).json();
    expect(stored.solution.text).toBe(REPLY);
  });

  it('replays a READY solution from the store, and again for every request', async () => {
    fake.script({ reply: REPLY, usage: { inputTokens: 240, outputTokens: 19 } });
    await start(new FakeClock(Date.UTC(2026, 6, 1)));
    const id = await file();
    await desk.queue.drain();
    for (let i = 0; i < 2; i++) {
      const res = await desk.app!.inject({ url: `/support/v1/tickets/${id}/solution/stream`, headers: bearer(key) });
      const events = parseSse(res.body);
      expect(events.map((e) => e.event)).toEqual(['start', ...Array(events.length - 2).fill('chunk'), 'complete']);
      expect(events[0]!.data.mode).toBe('replay');
      expect(events.slice(1, -1).map((e) => e.data.text).join('')).toBe(REPLY);
      expect(events.at(-1)!.data.usage).toEqual({ input_tokens: 240, output_tokens: 19 });
    }
    expect(fake.requests.filter((r) => r.api === 'openai.chat')).toHaveLength(1);
  });

  it('answers 409 with the reason while the ticket is still queued, and 404 for an unknown ticket', async () => {
    await start(new FakeClock(Date.UTC(2026, 6, 1)));
    const id = await file();
    const queued = await desk.app!.inject({ url: `/support/v1/tickets/${id}/solution/stream`, headers: bearer(key) });
    expect(queued.statusCode).toBe(409);
    expect(queued.headers['retry-after']).toBe('1');
    expect(queued.json().error).toMatchObject({ code: 'SOLUTION_NOT_READY', details: { status: 'PROCESSING', reason: expect.stringMatching(/^queued/) } });
    const unknown = await desk.app!.inject({ url: '/support/v1/tickets/tkt_01jzzzzzzzzzzzzzzzzzzzzzzz/solution/stream', headers: bearer(key) });
    expect(unknown.statusCode).toBe(404);
  });

  it('feedback is stored and published as TicketFeedbackReceived; refused while PROCESSING', async () => {
    fake.script({ reply: REPLY });
    await start(new FakeClock(Date.UTC(2026, 6, 1)));
    const seen: Array<{ 'detail-type': string; detail: Record<string, unknown> }> = [];
    desk.events.registerFunction('test.feedback', async (e) => void seen.push(e));
    await desk.events.putRule({ Name: 'test-feedback', EventPattern: { source: ['hashi.support'], 'detail-type': ['TicketFeedbackReceived'] }, Targets: [{ Id: 'f', Arn: 'function:test.feedback' }] });
    const id = await file();
    const early = await desk.app!.inject({ method: 'POST', url: `/support/v1/tickets/${id}/feedback`, headers: bearer(key), payload: { rating: 2, resolved: false } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('TICKET_NOT_SOLVED');
    await desk.queue.drain();

    const res = await desk.app!.inject({ method: 'POST', url: `/support/v1/tickets/${id}/feedback`, headers: bearer(key), payload: { rating: 4, resolved: true, comment: 'Cable was wet.' } });
    expect(res.statusCode).toBe(201);
    const feedback = res.json();
    await desk.queue.drain();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.detail).toMatchObject({ ticket_id: id, customer_id: 'C123', feedback_id: feedback.feedback_id, rating: 4, resolved: true, comment: 'Cable was wet.' });
    const rows = await desk.store.db.withTables<{ support_feedback: { id: string; rating: number; resolved: number } }>().selectFrom('support_feedback').selectAll().execute();
    expect(rows.map((r) => [r.id, r.rating, r.resolved])).toEqual([[feedback.feedback_id, 4, 1]]);
  });
});
