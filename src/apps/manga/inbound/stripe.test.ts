import { describe, expect, it } from 'vitest';
import { mapStripeEvent, orderItems } from './stripe.ts';

// The shape of a Checkout Session `checkout.session.completed` event (docs.stripe.com/api/checkout/sessions/object).
const event = (session: Record<string, unknown>, type = 'checkout.session.completed') => ({ id: 'evt_1', object: 'event', type, data: { object: { id: 'cs_test_1', object: 'checkout.session', ...session } } });

describe('stripe → PaymentCompleted', () => {
  it('maps a JPY checkout with metadata items, keeping the amount whole', () => {
    const [entry] = mapStripeEvent(
      event({
        amount_total: 3960,
        currency: 'jpy',
        customer_details: { email: 'aiko@example.jp' },
        metadata: { order_id: 'ORD-1001', customer_id: 'cust-7', items: '[{"id":"ramen-samurai-v01-ja","qty":2}]' },
        payment_status: 'paid',
      }),
    );
    expect(entry).toEqual({
      Source: 'mangaassist.payments',
      DetailType: 'PaymentCompleted',
      Detail: {
        order_id: 'ORD-1001',
        customer_email: 'aiko@example.jp',
        customer_id: 'cust-7',
        amount: 3960,
        amount_minor: 3960,
        currency: 'JPY',
        items: [{ product_id: 'ramen-samurai-v01-ja', qty: 2 }],
        payment_ref: 'cs_test_1',
        stripe_event_id: 'evt_1',
        payment_status: 'paid',
        processing_stage: 'raw',
      },
    });
  });

  it('converts two-decimal currencies and falls back to client_reference_id and customer_email', () => {
    const [entry] = mapStripeEvent(event({ amount_total: 2499, currency: 'usd', client_reference_id: 'ORD-9', customer_email: 'sam@example.com' }));
    expect(entry!.Detail).toMatchObject({ order_id: 'ORD-9', amount: 24.99, amount_minor: 2499, currency: 'USD', customer_email: 'sam@example.com', items: [] });
  });

  it('acknowledges other event types with no events', () => {
    expect(mapStripeEvent(event({ amount_total: 100, currency: 'usd' }, 'payment_intent.succeeded'))).toEqual([]);
    expect(mapStripeEvent({ type: 'charge.refunded' })).toEqual([]);
  });

  it('refuses a completed session without currency or amount, and malformed item metadata', () => {
    expect(() => mapStripeEvent(event({ amount_total: 100 }))).toThrow(/currency/);
    expect(() => mapStripeEvent(event({ currency: 'jpy' }))).toThrow(/amount_total/);
    expect(() => orderItems({ metadata: { items: 'not json' } })).toThrow(/JSON array/);
    expect(() => orderItems({ metadata: { items: '[{"id":"x","qty":0}]' } })).toThrow(/qty/);
  });

  it('reads expanded line items when there is no items metadata', () => {
    expect(orderItems({ line_items: { data: [{ description: 'Origami War vol. 1', quantity: 3, price: { product: 'prod_9' } }] } })).toEqual([{ product_id: 'prod_9', qty: 3, title: 'Origami War vol. 1' }]);
  });
});
