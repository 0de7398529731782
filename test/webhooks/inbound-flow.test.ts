import { afterEach, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { PURGE_JOB } from '../../src/webhooks/index.ts';
import { ADMIN, webhooksHarness, type Harness, type HarnessOptions } from './harness.ts';
import { slackHeaders, stripeHeaders } from './signers.ts';

const SECRET = 'whsec_flow_secret_0123456789abcdef';
const SLACK = 'slack-signing-secret-42';
const body = (id: string, extra = '') => `{"id":"${id}","type":"payment_intent.succeeded","data":{"object":{"amount":500${extra}}}}`;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('inbound webhooks: order of checks, idempotency, failure and mapping', () => {
  let h: Harness;
  const open = async (options: HarnessOptions = {}) => {
    h = await webhooksHarness({ sources: { stripe: { scheme: 'stripe', secrets: [SECRET] } }, ...options });
    return h;
  };
  const now = () => Math.floor(h.clock.now() / 1000);
  const send = (id: string, options: { source?: string; remoteAddress?: string; headers?: Record<string, string>; payload?: string } = {}) => {
    const payload = options.payload ?? body(id);
    return h.app.inject({
      method: 'POST',
      url: `/webhooks/${options.source ?? 'stripe'}`,
      headers: { ...stripeHeaders(payload, SECRET, now()), ...options.headers },
      payload,
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    });
  };
  const code = (res: LightMyRequestResponse) => res.json().error?.code;
  afterEach(async () => {
    await h?.close();
  });

  it('answers an unknown source 404 in the error envelope', async () => {
    await open();
    const res = await send('evt_x', { source: 'nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'WEBHOOK_SOURCE_NOT_FOUND', message: 'no webhook source named "nope" is configured', requestId: expect.any(String) } });
  });

  it('checks the IP allow list before the signature, and honours trustProxy for the client address', async () => {
    await open({ sources: { stripe: { scheme: 'stripe', secrets: [SECRET], allowIps: ['3.18.12.63/32', '10.0.0.0/8'] } } });
    const outsider = await send('evt_1', { remoteAddress: '192.0.2.7' });
    const unsignedOutsider = await h.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: '{}', remoteAddress: '192.0.2.7' });
    const insider = await send('evt_2', { remoteAddress: '10.20.30.40' });
    const mapped = await send('evt_3', { remoteAddress: '::ffff:3.18.12.63' });
    const spoofed = await send('evt_4', { remoteAddress: '192.0.2.7', headers: { 'x-forwarded-for': '10.0.0.1' } });

    expect([outsider.statusCode, code(outsider)]).toEqual([403, 'WEBHOOK_IP_NOT_ALLOWED']);
    expect([unsignedOutsider.statusCode, code(unsignedOutsider)]).toEqual([403, 'WEBHOOK_IP_NOT_ALLOWED']);
    expect([insider.statusCode, mapped.statusCode]).toEqual([202, 202]);
    expect(spoofed.statusCode).toBe(403);

    await h.close();
    await open({ sources: { stripe: { scheme: 'stripe', secrets: [SECRET], allowIps: ['10.0.0.0/8'] } }, yaml: 'server:\n  trustProxy: true\n' });
    const proxied = await send('evt_5', { remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': '10.0.0.1' } });
    expect(proxied.statusCode).toBe(202);
    expect((await h.webhooks.listDeliveries())[0]!.ip).toBe('10.0.0.1');
  });

  it('answers an authentic body that is not JSON with 400, only after the signature passed', async () => {
    await open();
    const bad = await send('', { payload: 'id=evt_1&type=x' });
    const forged = await send('', { payload: 'not json', headers: { 'stripe-signature': `t=${now()},v1=${'0'.repeat(64)}` } });
    expect([bad.statusCode, code(bad)]).toEqual([400, 'WEBHOOK_BODY_NOT_JSON']);
    expect([forged.statusCode, code(forged)]).toEqual([403, 'WEBHOOK_SIGNATURE_INVALID']);
  });

  it('gives the exact bytes to the verifier for any content type (form-encoded Slack commands on a raw source)', async () => {
    await open({ sources: { slash: { scheme: 'slack', secrets: [SLACK], body: 'raw' } } });
    const form = 'token=x&team_id=T1&command=%2Fsummary&text=last+week';
    const res = await h.app.inject({ method: 'POST', url: '/webhooks/slash', headers: slackHeaders(form, SLACK, now(), 'application/x-www-form-urlencoded'), payload: form });
    const noType = await h.app.inject({ method: 'POST', url: '/webhooks/slash', headers: (({ 'content-type': _, ...rest }) => rest)(slackHeaders('raw bytes', SLACK, now())), payload: 'raw bytes' });

    expect(res.statusCode).toBe(202);
    expect(noType.statusCode).toBe(202);
    const events = await h.bus.events();
    expect(events[0]!.detail).toEqual({ body: form });
    expect((await h.webhooks.getDelivery(res.json().deliveryId))!.body).toBe(form);
  });

  it('answers a duplicate that arrives while the first is still being accepted 409, then already_processed; one set of events', async () => {
    await open();
    const gate = deferred();
    const entered = deferred();
    h.webhooks.registerEnricher('stripe', async () => {
      entered.resolve();
      await gate.promise;
      return { label: 'ok' };
    });
    const first = send('evt_c');
    await entered.promise;
    const during = await send('evt_c');
    gate.resolve();
    const accepted = await first;
    const after = await send('evt_c');

    expect([during.statusCode, code(during)]).toEqual([409, 'WEBHOOK_IN_PROGRESS']);
    expect(during.headers['retry-after']).toBeDefined();
    expect(accepted.statusCode).toBe(202);
    expect(after.json()).toEqual({ ...accepted.json(), status: 'already_processed' });
    expect(await h.bus.events()).toHaveLength(1);
  });

  it('fires identical deliveries at once: exactly one is accepted and one set of events exists', async () => {
    await open();
    const payload = body('evt_burst');
    const headers = stripeHeaders(payload, SECRET, now());
    const all = await Promise.all(Array.from({ length: 8 }, () => h.app.inject({ method: 'POST', url: '/webhooks/stripe', headers, payload })));
    const statuses = all.map((r) => r.statusCode);

    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.every((s) => s === 202 || s === 409 || s === 200)).toBe(true);
    expect(all.filter((r) => r.statusCode === 200).every((r) => r.json().status === 'already_processed')).toBe(true);
    expect(await h.bus.events()).toHaveLength(1);
    expect(await h.webhooks.listDeliveries()).toHaveLength(1);
  });

  it('releases the key when the bus refuses the events: nothing is kept, and the retry is accepted', async () => {
    await open();
    h.bus.failNext = 1;
    const refused = await send('evt_f');
    const retried = await send('evt_f');

    expect([refused.statusCode, code(refused)]).toEqual([503, 'WEBHOOK_PUBLISH_FAILED']);
    expect(refused.headers['retry-after']).toBe('5');
    expect(retried.statusCode).toBe(202);
    expect(await h.webhooks.listDeliveries()).toHaveLength(1);
    expect(await h.bus.events()).toHaveLength(1);
  });

  it('takes over a claim whose accept crashed once its lease has passed', async () => {
    await open({ settings: { inbound: { claimLeaseMs: 60_000 } } });
    await h.webhooks.keys.claim('stripe', 'evt_crashed');
    const blocked = await send('evt_crashed');
    h.clock.tick(60_000);
    const taken = await send('evt_crashed');
    expect(blocked.statusCode).toBe(409);
    expect(taken.statusCode).toBe(202);
  });

  it('purges keys after their TTL with the self-rescheduling job, after which the same id is a new delivery', async () => {
    await open({ settings: { inbound: { keyTtlMs: 3_600_000, purgeIntervalMs: 600_000 } } });
    const first = await send('evt_ttl');
    h.clock.tick(3_600_000);
    const ran = await h.queue.runOnce([PURGE_JOB]);
    const again = await send('evt_ttl');
    const nextRun = await h.queue.runOnce([PURGE_JOB]);
    h.clock.tick(600_000);
    const later = await h.queue.runOnce([PURGE_JOB]);

    expect(first.statusCode).toBe(202);
    expect(ran).toBe(1);
    expect(again.statusCode).toBe(202);
    expect(again.json().deliveryId).not.toBe(first.json().deliveryId);
    expect(nextRun).toBe(0);
    expect(later).toBe(1);
  });

  it('maps with a registered mapper (zero events = acknowledged, kept), and answers a failing mapper 422 with the key released', async () => {
    await open();
    let fail = true;
    h.webhooks.registerMapper('stripe', ({ payload }) => {
      if (fail) throw new Error('unexpected shape');
      const p = payload as { type: string };
      return p.type === 'payment_intent.succeeded' ? [] : [{ Source: 'shop.payments', DetailType: 'Other', Detail: {} }];
    });
    const failed = await send('evt_m');
    fail = false;
    const ignored = await send('evt_m');

    expect([failed.statusCode, code(failed)]).toEqual([422, 'WEBHOOK_MAPPING_FAILED']);
    expect(ignored.statusCode).toBe(202);
    expect(ignored.json().eventIds).toEqual([]);
    expect(await h.bus.events()).toHaveLength(0);
    expect((await h.webhooks.listDeliveries()).map((d) => d.eventIds)).toEqual([[]]);
  });

  it('publishes a long list in PutEvents calls of 10, all or nothing: a refusal in the last call keeps nothing', async () => {
    await open();
    const events = (n: number) => Array.from({ length: n }, (_, i) => ({ Source: 'shop.lines', DetailType: 'Line', Detail: { n: i } }));
    h.webhooks.registerMapper('stripe', () => events(23));
    h.bus.refuse = (e) => (e.Detail as { n: number }).n === 22;
    const refused = await send('evt_long');
    h.bus.refuse = undefined;
    const retried = await send('evt_long');

    expect([refused.statusCode, code(refused)]).toEqual([503, 'WEBHOOK_PUBLISH_FAILED']);
    expect(refused.json().error.message).toBe('the event bus refused 1 of 23 event(s); retry later');
    expect(retried.statusCode).toBe(202);
    expect(h.bus.callSizes).toEqual([10, 10, 3, 10, 10, 3]);
    expect((await h.bus.events()).map((e) => (e.detail as { n: number }).n)).toEqual(events(23).map((e) => e.Detail.n));
  });

  it('publishes an itemized batch item by item: rejected and bus-refused items are reported in the answer, the rest accepted', async () => {
    await open();
    const recorded: unknown[] = [];
    h.webhooks.registerMapper('stripe', () => ({
      items: Array.from({ length: 23 }, (_, i) =>
        i % 10 === 4 ? { ref: `sku-${i}`, rejected: 'no price' } : { ref: `sku-${i}`, entry: { Source: 'shop.catalog', DetailType: 'Item', Detail: { n: i } } },
      ),
      onAccepted: async (tx, outcomes) => {
        expect(tx).toBeDefined();
        recorded.push(outcomes.map((o) => o.status));
      },
    }));
    h.bus.refuse = (e) => (e.Detail as { n: number }).n === 7;
    const res = await send('evt_items');
    const dup = await send('evt_items');

    const answer = res.json();
    expect(res.statusCode).toBe(202);
    expect(answer.failedItemCount).toBe(3);
    expect(answer.items).toHaveLength(23);
    expect(answer.items[4]).toEqual({ index: 4, ref: 'sku-4', status: 'rejected', reason: 'no price' });
    expect(answer.items[7]).toEqual({ index: 7, ref: 'sku-7', status: 'failed', errorCode: 'MalformedDetail', errorMessage: 'refused by the test' });
    expect(answer.items[8]).toEqual({ index: 8, ref: 'sku-8', status: 'published', eventId: answer.eventIds[6] });
    expect(h.bus.callSizes).toEqual([10, 10, 1]);
    const published = await h.bus.events();
    expect(published.map((e) => e.id)).toEqual(answer.eventIds);
    expect(published).toHaveLength(20);
    expect(recorded).toEqual([answer.items.map((i: { status: string }) => i.status)]);
    expect([dup.statusCode, dup.json().status, dup.json().items]).toEqual([200, 'already_processed', answer.items]);
    // The delivery log keeps what was published: a replay re-publishes those 20 only.
    const [stored] = await h.webhooks.listDeliveries();
    expect(stored!.events).toHaveLength(20);
    const replay = await h.app.inject({ method: 'POST', url: `/admin/webhooks/deliveries/${stored!.id}/replay`, headers: ADMIN });
    expect(replay.json().eventIds).toHaveLength(20);
  });

  it("rolls an itemized accept back when the mapper's onAccepted fails: nothing kept, and the retry is accepted", async () => {
    await open();
    let fail = true;
    h.webhooks.registerMapper('stripe', () => ({
      items: [{ ref: 'a', entry: { Source: 'shop.catalog', DetailType: 'Item', Detail: {} } }],
      onAccepted: async () => {
        if (fail) throw new Error('record failed');
      },
    }));
    const failed = await send('evt_rec');
    fail = false;
    const retried = await send('evt_rec');

    expect(failed.statusCode).toBe(500);
    expect(retried.statusCode).toBe(202);
    expect(await h.bus.events()).toHaveLength(1);
    expect(await h.webhooks.listDeliveries()).toHaveLength(1);
  });

  it('maps declaratively: JSON paths for detail and detail-type, `when` filters, a literal source', async () => {
    await open({
      sources: {
        stripe: {
          scheme: 'stripe',
          secrets: [SECRET],
          events: [
            { source: 'shop.payments', detailType: 'PaymentSucceeded', detail: '$.data.object', when: { '$.type': ['payment_intent.succeeded'] } },
            { source: 'shop.audit', detailType: '$.type' },
            { source: 'shop.refunds', detailType: 'Refund', when: { '$.type': ['charge.refunded'] } },
          ],
        },
      },
    });
    const res = await send('evt_d');
    const events = await h.bus.events();
    expect(res.json().eventIds).toHaveLength(2);
    expect(events.map((e) => [e.source, e['detail-type'], e.detail])).toEqual([
      ['shop.payments', 'PaymentSucceeded', { amount: 500 }],
      ['shop.audit', 'payment_intent.succeeded', JSON.parse(body('evt_d'))],
    ]);
  });

  it('enriches inline within the budget, answers 503 and releases the key when it fails or runs out, or proceeds when configured to', async () => {
    await open({ sources: { stripe: { scheme: 'stripe', secrets: [SECRET], enrichment: { budgetMs: 30, onFailure: 'reject' } }, lenient: { scheme: 'stripe', secrets: [SECRET], enrichment: { budgetMs: 30, onFailure: 'proceed' } } } });
    let mode: 'throw' | 'hang' | 'ok' = 'throw';
    const enricher = async ({ signal }: { signal: AbortSignal }) => {
      if (mode === 'throw') throw new Error('sentiment model unavailable');
      if (mode === 'hang') await new Promise((resolve) => signal.addEventListener('abort', resolve));
      return { sentiment: 'negative' };
    };
    h.webhooks.registerEnricher('stripe', enricher);
    h.webhooks.registerEnricher('lenient', enricher);

    const thrown = await send('evt_e');
    mode = 'hang';
    const timedOut = await send('evt_e');
    const proceeded = await send('evt_p', { source: 'lenient' });
    mode = 'ok';
    const enriched = await send('evt_e');

    expect([thrown.statusCode, code(thrown)]).toEqual([503, 'WEBHOOK_ENRICHMENT_FAILED']);
    expect([timedOut.statusCode, code(timedOut)]).toEqual([503, 'WEBHOOK_ENRICHMENT_FAILED']);
    expect(timedOut.json().error.message).toContain('ran out of time');
    expect(proceeded.statusCode).toBe(202);
    expect(enriched.statusCode).toBe(202);
    const events = await h.bus.events();
    expect(events.map((e) => (e.detail as { enrichment?: unknown }).enrichment)).toEqual([undefined, { sentiment: 'negative' }]);
  });

  it('never puts a secret or a whole signature in a response, a stored delivery or a log line', async () => {
    await open({ sources: { stripe: { scheme: 'stripe', secrets: [SECRET], allowIps: ['127.0.0.0/8'] } } });
    const payload = body('evt_leak');
    const headers: Record<string, string> = { ...stripeHeaders(payload, SECRET, now()), authorization: 'Bearer sk_live_should_not_be_kept' };
    const signature = headers['stripe-signature']!.split('v1=')[1]!;
    const responses = [
      await h.app.inject({ method: 'POST', url: '/webhooks/stripe', headers, payload }),
      await h.app.inject({ method: 'POST', url: '/webhooks/stripe', headers, payload: `${payload} ` }),
      await h.app.inject({ method: 'POST', url: '/webhooks/stripe', headers, payload, remoteAddress: '192.0.2.1' }),
      await h.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { ...headers, 'stripe-signature': `t=${now() - 999},v1=${signature}` }, payload }),
    ];
    const stored = await h.webhooks.listDeliveries();
    const everything = [...responses.map((r) => r.body), JSON.stringify(stored), h.logs()].join('\n');

    expect(responses.map((r) => r.statusCode)).toEqual([202, 403, 403, 403]);
    expect(h.logs()).toContain('webhook rejected');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(signature);
    expect(everything).not.toContain('sk_live_should_not_be_kept');
    expect(stored[0]!.headers['stripe-signature']).toMatch(/chars masked/);
  });
});
