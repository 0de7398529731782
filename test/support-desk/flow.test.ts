import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/kernel/index.ts';
import { admin, bearer, ingest, parseSse, startDesk, ticketBody, type Desk } from './harness.ts';

describe('Support Desk: ticket → solution → feedback', () => {
  let desk: Desk;
  afterEach(async () => desk?.close());

  it('files a ticket (202 + Location), solves it from the knowledge base, replays the stream and takes feedback', async () => {
    const clock = new FakeClock(Date.UTC(2026, 2, 2, 9, 0, 0));
    desk = await startDesk({ clock });
    await ingest(desk);
    const key = (await desk.keys.create({ tenant: 'acme', customerId: 'C123' })).key;

    const created = await desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: bearer(key), payload: ticketBody() });
    expect(created.statusCode).toBe(202);
    const accepted = created.json();
    expect(accepted).toEqual({ ticket_id: expect.stringMatching(/^tkt_/), status: 'PROCESSING', created_at: '2026-03-02T09:00:00.000Z', estimated_completion: '2026-03-02T09:02:00.000Z' });
    expect(created.headers.location).toBe(`/support/v1/tickets/${accepted.ticket_id}`);

    await desk.queue.drain();
    const read = await desk.app!.inject({ url: `/support/v1/tickets/${accepted.ticket_id}`, headers: bearer(key) });
    expect(read.statusCode).toBe(200);
    const ticket = read.json();
    expect(ticket.status).toBe('READY');
    expect(ticket.solution.grounded).toBe(true);
    expect(ticket.solution.citations[0]).toEqual({ id: 'ev-e101-ground-fault', title: 'E101 ground fault: the residual current device trips' });
    expect(ticket.solution.text).toContain('[ev-e101-ground-fault]');

    const stream = await desk.app!.inject({ url: `/support/v1/tickets/${accepted.ticket_id}/solution/stream`, headers: bearer(key) });
    expect(stream.statusCode).toBe(200);
    expect(stream.headers['content-type']).toContain('text/event-stream');
    const events = parseSse(stream.body);
    expect(events[0]).toEqual({ event: 'start', data: { ticket_id: accepted.ticket_id, status: 'READY', mode: 'replay' } });
    expect(events.at(-1)!.event).toBe('complete');
    expect(events.at(-1)!.data.usage.output_tokens).toBeGreaterThan(0);
    const text = events.filter((e) => e.event === 'chunk').map((e) => e.data.text).join('');
    expect(text).toBe(ticket.solution.text);

    const fb = await desk.app!.inject({ method: 'POST', url: `/support/v1/tickets/${accepted.ticket_id}/feedback`, headers: bearer(key), payload: { rating: 5, resolved: true, comment: 'fixed' } });
    expect(fb.statusCode).toBe(201);
    expect(fb.json()).toMatchObject({ ticket_id: accepted.ticket_id, rating: 5, resolved: true, comment: 'fixed' });
  });

  it('the demo: the sample knowledge base in examples/support answers the sample ticket, citing the E101 article', async () => {
    desk = await startDesk({ clock: new FakeClock(Date.UTC(2026, 2, 2, 9, 0, 0)) });
    const ingested = await desk.support!.ingestPath(fileURLToPath(new URL('../../examples/support/kb', import.meta.url)));
    expect(ingested).toMatchObject({ documents: 50, created: 50, replaced: 0 });
    const stats = await desk.app!.inject({ url: '/admin/support/kb', headers: admin });
    expect(stats.json()).toEqual({ documents: 50, revision: ingested.revision });
    const key = (await desk.keys.create({ tenant: 'acme', customerId: 'C123' })).key;
    const sample = JSON.parse(readFileSync(new URL('../../examples/support/ticket.json', import.meta.url), 'utf8'));
    const created = await desk.app!.inject({ method: 'POST', url: '/support/v1/tickets', headers: bearer(key), payload: sample });
    expect(created.statusCode).toBe(202);
    await desk.queue.drain();
    const { solution } = (await desk.app!.inject({ url: `/support/v1/tickets/${created.json().ticket_id}`, headers: bearer(key) })).json();
    expect(solution.grounded).toBe(true);
    expect(solution.citations.map((c: { id: string }) => c.id)).toContain('ev-e101-ground-fault');
    // Plain sentences from the article, not Markdown list markers.
    expect(solution.text).not.toMatch(/(^|\s)\d\.(\s|$)/);
    const openapi = (await desk.app!.inject({ url: '/openapi.json' })).json();
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/support/v1/tickets', '/support/v1/tickets/{id}/solution/stream', '/support/v1/kb/search']));
  });
});
