import { afterEach, describe, expect, it } from 'vitest';
import { webhookBackends } from './serialized-backends.ts';
import { webhooksHarness, type Harness } from './harness.ts';
import { standardHeaders, stripeHeaders } from './signers.ts';

const STRIPE = 'whsec_race_0123456789abcdef';
const REVIEWS = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

// Identical deliveries fired at once over real sockets: exactly one is
// accepted, the rest are 409 (still being accepted) or already_processed.
for (const backend of webhookBackends) {
  describe(`concurrent duplicate deliveries [${backend.name}]`, () => {
    let h: Harness;
    afterEach(async () => {
      await h.close();
    });

    it('accepts exactly one of 16 identical deliveries and publishes one set of events, for each of 5 ids', async () => {
      h = await webhooksHarness({ backend, sources: { stripe: { scheme: 'stripe', secrets: [STRIPE] }, reviews: { scheme: 'standard-webhooks', secrets: [REVIEWS] } } });
      const url = await h.app.listen({ host: '127.0.0.1', port: 0 });
      const now = Math.floor(h.clock.now() / 1000);
      const fire = (i: number) => {
        const body = `{"id":"evt_${i}","type":"invoice.paid"}`;
        const stripe = { path: 'stripe', headers: stripeHeaders(body, STRIPE, now), body };
        const review = { path: 'reviews', headers: standardHeaders(`msg_${i}`, now, body, REVIEWS), body };
        return Array.from({ length: 16 }, (_, k) => (k % 2 === 0 ? stripe : review)).map((d) =>
          fetch(`${url}/webhooks/${d.path}`, { method: 'POST', headers: d.headers, body: d.body }).then(async (r) => ({ path: d.path, status: r.status, json: (await r.json()) as { status?: string } })),
        );
      };

      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => fire(i)).flat());

      for (const path of ['stripe', 'reviews']) {
        const mine = results.filter((r) => r.path === path);
        expect(mine.filter((r) => r.status === 202)).toHaveLength(5);
        expect(mine.every((r) => r.status === 202 || r.status === 409 || (r.status === 200 && r.json.status === 'already_processed'))).toBe(true);
      }
      expect(await h.bus.events()).toHaveLength(10);
      expect(await h.webhooks.listDeliveries({ limit: 100 })).toHaveLength(10);
    });
  });
}
