import { ValidationError } from '../../../kernel/index.ts';
import { fromMinorUnits } from '../money.ts';
import type { BusEntry, OrderItem } from '../types.ts';

export const PAYMENTS_SOURCE = 'mangaassist.payments';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const invalid = (message: string) => new ValidationError('MANGA_WEBHOOK_INVALID', `stripe ${message}`, { status: 422 });

/**
 * Items of a Checkout Session: the `items` metadata key (metadata values are
 * strings, so a JSON array `[{"id":"…","qty":2}]`), else the expanded
 * `line_items` (description and quantity only).
 */
export function orderItems(session: Record<string, unknown>): OrderItem[] {
  const metadata = isRecord(session.metadata) ? session.metadata : {};
  if (metadata.items !== undefined) {
    let parsed: unknown;
    try {
      parsed = typeof metadata.items === 'string' ? JSON.parse(metadata.items) : metadata.items;
    } catch {
      throw invalid('checkout session metadata.items is not a JSON array');
    }
    if (!Array.isArray(parsed)) throw invalid('checkout session metadata.items is not a JSON array');
    return parsed.map((raw, i) => {
      const item = isRecord(raw) ? raw : {};
      const id = str(item.product_id) ?? str(item.id);
      const qty = item.qty ?? item.quantity ?? 1;
      if (id === undefined || !Number.isInteger(qty) || (qty as number) < 1) throw invalid(`metadata.items[${i}] needs an id and a positive integer qty`);
      return { product_id: id, qty: qty as number, ...(str(item.title) ? { title: str(item.title)! } : {}) };
    });
  }
  const lines = isRecord(session.line_items) && Array.isArray(session.line_items.data) ? session.line_items.data : [];
  return lines.filter(isRecord).map((line) => {
    const price = isRecord(line.price) ? line.price : {};
    const product = str(price.product) ?? str(line.id) ?? 'unknown';
    return { product_id: product, qty: Number.isInteger(line.quantity) ? (line.quantity as number) : 1, ...(str(line.description) ? { title: str(line.description)! } : {}) };
  });
}

/**
 * `checkout.session.completed` → one `PaymentCompleted` event (source
 * `mangaassist.payments`); every other Stripe event type → none (the
 * delivery is acknowledged and ignored). Amounts arrive in minor units and
 * leave in major units of their currency (JPY has none).
 */
export function mapStripeEvent(payload: unknown): BusEntry[] {
  if (!isRecord(payload) || payload.type !== 'checkout.session.completed') return [];
  const session = isRecord(payload.data) && isRecord(payload.data.object) ? payload.data.object : undefined;
  if (!session) throw invalid('checkout.session.completed without data.object');
  const currency = str(session.currency)?.toUpperCase();
  if (currency === undefined || !/^[A-Z]{3}$/.test(currency)) throw invalid('checkout session without a currency');
  const minor = session.amount_total;
  if (!Number.isInteger(minor) || (minor as number) < 0) throw invalid('checkout session without an integer amount_total');
  const metadata = isRecord(session.metadata) ? session.metadata : {};
  const details = isRecord(session.customer_details) ? session.customer_details : {};
  const orderId = str(metadata.order_id) ?? str(session.client_reference_id) ?? str(session.id);
  if (orderId === undefined) throw invalid('checkout session without metadata.order_id, client_reference_id or id');
  const email = str(details.email) ?? str(session.customer_email);
  const customerId = str(metadata.customer_id) ?? str(session.customer);
  return [
    {
      Source: PAYMENTS_SOURCE,
      DetailType: 'PaymentCompleted',
      Detail: {
        order_id: orderId,
        ...(email !== undefined ? { customer_email: email } : {}),
        ...(customerId !== undefined ? { customer_id: customerId } : {}),
        amount: fromMinorUnits(minor as number, currency),
        amount_minor: minor,
        currency,
        items: orderItems(session),
        payment_ref: str(session.id) ?? orderId,
        stripe_event_id: str(payload.id) ?? '',
        payment_status: str(session.payment_status) ?? 'unknown',
        processing_stage: 'raw',
      },
    },
  ];
}
