import { generate, isOffline } from '../ai/generate.ts';
import { adjustStock, getProducts } from '../catalog/repository.ts';
import { JOB_TENANT, type MangaContext } from '../context.ts';
import { touchCustomer } from '../customers/activity.ts';
import { enqueueInventoryLow } from '../inventory/job.ts';
import { queueMail } from '../mail/outbox.ts';
import { CONFIRMATION_SYSTEM, confirmationIsUsable, confirmationPrompt, confirmationSubject, limitWords, templateConfirmation, type ConfirmationInput } from '../orders/confirmation.ts';
import { m } from '../tables.ts';
import type { BusEvent, OrderItem } from '../types.ts';
import { Detail } from './detail.ts';
import { publishAll } from './publish.ts';

export const ORDERS_SOURCE = 'mangaassist.orders';

function itemsOf(raw: unknown): OrderItem[] {
  const list = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  if (!Array.isArray(list)) return [];
  return list.flatMap((i: Record<string, unknown>) => {
    const id = typeof i.product_id === 'string' ? i.product_id : typeof i.id === 'string' ? i.id : undefined;
    const qty = Number.isInteger(i.qty) ? (i.qty as number) : 1;
    return id === undefined ? [] : [{ product_id: id, qty, ...(typeof i.title === 'string' ? { title: i.title } : {}) }];
  });
}

/**
 * PaymentCompleted → an order: the confirmation is written by the small model
 * (the template when offline or when the answer misses the order id or total),
 * then ONE transaction stores the order, lowers stock (queuing InventoryLow
 * alerts), puts the email in the outbox and publishes OrderConfirmed for the
 * CRM's subscription. A redelivered event finds the order and stops.
 */
export function paymentCompleted(ctx: MangaContext) {
  return async (event: BusEvent, run: { signal: AbortSignal }): Promise<void> => {
    const d = new Detail(event.detail, 'PaymentCompleted');
    const orderId = d.str('order_id');
    const db = ctx.store.db;
    if (await m(db).selectFrom('manga_orders').select('id').where('id', '=', orderId).executeTakeFirst()) return;
    const items = itemsOf(d.raw('items'));
    const products = await getProducts(db, items.map((i) => i.product_id));
    const order: ConfirmationInput = {
      order_id: orderId,
      amount: d.num('amount'),
      currency: d.str('currency'),
      items: items.map((i) => ({ ...i, title: products.get(i.product_id) ? `${products.get(i.product_id)!.title} vol. ${products.get(i.product_id)!.volume}` : (i.title ?? i.product_id) })),
    };
    const answer = await generate(
      ctx.fm,
      { model: ctx.settings.models.fast, system: CONFIRMATION_SYSTEM, messages: [{ role: 'user', content: confirmationPrompt(order) }], maxTokens: 400 },
      { tenant: JOB_TENANT, signal: run.signal },
    );
    const modelText = limitWords(answer.text);
    const useModel = !isOffline(answer) && confirmationIsUsable(modelText, order);
    const confirmation = useModel ? modelText : templateConfirmation(order);
    const source = useModel ? `model:${answer.model}` : 'offline-template';
    const email = d.optStr('customer_email');
    const customer = d.optStr('customer_id') ?? email;
    const now = ctx.clock.now();
    await ctx.store.transaction(async (tx) => {
      const inserted = await m(tx)
        .insertInto('manga_orders')
        .values({
          id: orderId,
          email: email ?? null,
          customer_id: customer ?? null,
          amount: order.amount,
          currency: order.currency,
          items: JSON.stringify(order.items),
          payment_ref: d.optStr('payment_ref') ?? null,
          event_id: event.id,
          confirmation,
          confirmation_source: source,
          created_at: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return;
      for (const item of items) {
        const change = await adjustStock(tx, item.product_id, -item.qty, now);
        if (change?.crossedBelow) await enqueueInventoryLow(tx, ctx.queue, change, event);
      }
      if (email) await queueMail(tx, ctx.queue, { key: `order:${orderId}`, to: email, subject: confirmationSubject(orderId), body: confirmation }, now);
      if (customer) await touchCustomer(tx, customer, items.map((i) => i.product_id), now);
      await publishAll(
        ctx.bus,
        [
          {
            Source: ORDERS_SOURCE,
            DetailType: 'OrderConfirmed',
            Detail: {
              order_id: orderId,
              ...(email ? { customer_email: email } : {}),
              ...(customer ? { customer_id: customer } : {}),
              amount: order.amount,
              currency: order.currency,
              items: order.items,
              confirmation,
              confirmation_source: source,
            },
          },
        ],
        tx,
        event,
      );
    });
  };
}
