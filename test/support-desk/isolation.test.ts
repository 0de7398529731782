import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/index.ts';
import { bearer, ingest, startDesk, ticketBody, type Desk } from './harness.ts';

const DAY = 86_400_000;

// Issue 6: "A customer sees only its own tickets: another customer's ticket id answers 404, never 403, never the ticket."
describe('Support Desk: tenant and customer isolation', () => {
  const clock = new FakeClock(Date.UTC(2026, 4, 1, 8, 0, 0));
  let desk: Desk;
  let alice: string; // acme / C1
  let bob: string; // acme / C2
  let acmeIntegration: string; // acme, no customer
  let globex: string; // another tenant, no customer
  let aliceTicket: string;
  let bobTicket: string;

  beforeAll(async () => {
    desk = await startDesk({ clock });
    await ingest(desk);
    alice = (await desk.keys.create({ tenant: 'acme', customerId: 'C1' })).key;
    bob = (await desk.keys.create({ tenant: 'acme', customerId: 'C2' })).key;
    acmeIntegration = (await desk.keys.create({ tenant: 'acme' })).key;
    globex = (await desk.keys.create({ tenant: 'globex' })).key;
    const file = async (key: string, customer: string) => {
      const res = await desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: bearer(key), payload: ticketBody({ customer: { id: customer, name: 'x' } }) });
      clock.tick(1000);
      return res.json().ticket_id as string;
    };
    aliceTicket = await file(alice, 'C1');
    bobTicket = await file(bob, 'C2');
    await desk.queue.drain();
  });
  afterAll(async () => desk.close());

  const get = (key: string, url: string) => desk.app!.inject({ url, headers: bearer(key) });

  it("answers 404 — with no ticket data — for another customer's ticket on every route", async () => {
    for (const url of [`/support/v1/tickets/${bobTicket}`, `/support/v1/tickets/${bobTicket}/solution/stream`]) {
      const res = await get(alice, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('TICKET_NOT_FOUND');
      expect(res.body).not.toContain('C2');
    }
    const fb = await desk.app!.inject({ method: 'POST', url: `/support/v1/tickets/${bobTicket}/feedback`, headers: bearer(alice), payload: { rating: 1, resolved: false } });
    expect(fb.statusCode).toBe(404);
    // The same as an id that never existed.
    const unknown = await get(alice, '/support/v1/tickets/tkt_01jzzzzzzzzzzzzzzzzzzzzzzz');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('TICKET_NOT_FOUND');
  });

  it('lists only the caller’s own tickets', async () => {
    const mine = (await get(alice, '/support/v1/tickets')).json();
    expect(mine.tickets.map((t: { ticket_id: string }) => t.ticket_id)).toEqual([aliceTicket]);
    expect((await get(bob, '/support/v1/tickets')).json().tickets.map((t: { ticket_id: string }) => t.ticket_id)).toEqual([bobTicket]);
  });

  it("a tenant integration key sees its tenant's tickets, never another tenant's", async () => {
    expect((await get(acmeIntegration, `/support/v1/tickets/${bobTicket}`)).statusCode).toBe(200);
    const all = (await get(acmeIntegration, '/support/v1/tickets')).json();
    expect(all.tickets.map((t: { ticket_id: string }) => t.ticket_id)).toEqual([bobTicket, aliceTicket]);
    expect((await get(globex, `/support/v1/tickets/${aliceTicket}`)).statusCode).toBe(404);
    expect((await get(globex, '/support/v1/tickets')).json().tickets).toEqual([]);
  });

  it('never exposes the model version, the processing cost or the internal tracking id', async () => {
    const res = await get(alice, `/support/v1/tickets/${aliceTicket}`);
    const body = res.json();
    expect(body.status).toBe('READY');
    const row = await desk.store.db.withTables<{ support_tickets: { id: string; tracking_id: string; key_id: string } }>().selectFrom('support_tickets').selectAll().where('id', '=', aliceTicket).executeTakeFirstOrThrow();
    expect(res.body).not.toContain(row.tracking_id);
    expect(res.body).not.toContain(row.key_id);
    const generation = await desk.store.db.withTables<{ support_generations: { ticket_id: string; model: string; provider_model: string } }>().selectFrom('support_generations').selectAll().where('ticket_id', '=', aliceTicket).executeTakeFirstOrThrow();
    expect(res.body).not.toContain(generation.provider_model);
    expect(JSON.stringify(Object.keys(body))).not.toMatch(/cost|model_version|tracking|key_id|attempts|last_error/);
    expect(Object.keys(body).sort()).toEqual(
      ['asset', 'completed_at', 'created_at', 'customer', 'error_code', 'estimated_completion', 'expires_at', 'lang', 'policies', 'priority', 'solution', 'status', 'symptom_text', 'ticket_id', 'updated_at'].sort(),
    );
  });

  it('pages newest first with an opaque cursor', async () => {
    const first = (await get(acmeIntegration, '/support/v1/tickets?limit=1')).json();
    expect(first.tickets.map((t: { ticket_id: string }) => t.ticket_id)).toEqual([bobTicket]);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = (await get(acmeIntegration, `/support/v1/tickets?limit=1&cursor=${first.next_cursor}`)).json();
    expect(second.tickets.map((t: { ticket_id: string }) => t.ticket_id)).toEqual([aliceTicket]);
    expect(second.next_cursor).toBeNull();
    expect((await get(acmeIntegration, '/support/v1/tickets?status=PROCESSING')).json().tickets).toEqual([]);
    expect((await get(acmeIntegration, '/support/v1/tickets?status=READY')).json().tickets).toHaveLength(2);
  });

  it('a ticket is gone (404) once it expires after 30 days, and the purge deletes it', async () => {
    clock.tick(30 * DAY);
    expect((await get(alice, `/support/v1/tickets/${aliceTicket}`)).statusCode).toBe(404);
    const purged = await desk.support!.purge();
    expect(purged).toEqual({ failed: 0, purged: 2 });
    const left = await desk.store.db.withTables<{ support_tickets: { id: string } }>().selectFrom('support_tickets').select('id').execute();
    expect(left).toEqual([]);
  });
});
