import { formatMoney } from '../money.ts';
import type { OrderItem } from '../types.ts';

export interface ConfirmationInput {
  order_id: string;
  amount: number;
  currency: string;
  items: Array<OrderItem & { title: string }>;
}

export const MAX_CONFIRMATION_WORDS = 200;

export const CONFIRMATION_SYSTEM =
  'You write order confirmations for MangaAssist, a Japanese manga store. Write in English with a light, warm manga flavour. ' +
  `Always include the order ID, the total amount and every item. Keep it under ${MAX_CONFIRMATION_WORDS} words. Plain text, no markdown.`;

const itemLine = (i: ConfirmationInput['items'][number]) => `- ${i.title} (x${i.qty})`;

export function confirmationPrompt(o: ConfirmationInput): string {
  return [`Order ID: ${o.order_id}`, `Total: ${formatMoney(o.amount, o.currency)} ${o.currency}`, 'Items:', ...o.items.map(itemLine)].join('\n');
}

/** Cuts text to at most `max` words, ending on a whole sentence when one ends late enough. */
export function limitWords(text: string, max = MAX_CONFIRMATION_WORDS): string {
  const words = text.trim().split(/\s+/);
  if (words.length <= max) return text.trim();
  const cut = words.slice(0, max).join(' ');
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return end > cut.length / 2 ? cut.slice(0, end + 1) : `${cut}…`;
}

/** The model's confirmation must name the order and the total; otherwise the template is used. */
export function confirmationIsUsable(text: string, o: ConfirmationInput): boolean {
  const digits = (s: string) => s.replace(/[^0-9]/g, '');
  return text.includes(o.order_id) && digits(text).includes(digits(formatMoney(o.amount, o.currency)));
}

/** The offline stand-in: a fixed, friendly template (well under 200 words). */
export function templateConfirmation(o: ConfirmationInput): string {
  const lines = o.items.length > 0 ? o.items.map(itemLine) : ['- (the items of your order)'];
  return [
    'Thank you for shopping at MangaAssist!',
    '',
    `Your order ${o.order_id} is confirmed. Here is what is on its way to your bookshelf:`,
    ...lines,
    '',
    `Total paid: ${formatMoney(o.amount, o.currency)} (${o.currency})`,
    '',
    'We will let you know as soon as your manga ships. Happy reading, and see you for the next volume!',
    '— The MangaAssist team',
  ].join('\n');
}

export function confirmationSubject(orderId: string): string {
  return `Your MangaAssist order ${orderId} is confirmed`;
}
