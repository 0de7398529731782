import { describe, expect, it } from 'vitest';
import { confirmationIsUsable, confirmationPrompt, limitWords, templateConfirmation } from './confirmation.ts';

const order = { order_id: 'ORD-1001', amount: 3960, currency: 'JPY', items: [{ product_id: 'a', qty: 2, title: 'The Last Ramen Samurai vol. 1' }] };

describe('order confirmations', () => {
  it('prompt with the order id, the total and every item', () => {
    expect(confirmationPrompt(order)).toBe('Order ID: ORD-1001\nTotal: ¥3,960 JPY\nItems:\n- The Last Ramen Samurai vol. 1 (x2)');
  });

  it('offline template names the order, the items and the total, well under 200 words', () => {
    const text = templateConfirmation(order);
    expect(text).toContain('ORD-1001');
    expect(text).toContain('- The Last Ramen Samurai vol. 1 (x2)');
    expect(text).toContain('¥3,960');
    expect(text.split(/\s+/).length).toBeLessThan(200);
    expect(confirmationIsUsable(text, order)).toBe(true);
  });

  it('a model answer without the order id or the total is not used', () => {
    expect(confirmationIsUsable('Thanks for your order of ¥3,960!', order)).toBe(false);
    expect(confirmationIsUsable('Order ORD-1001 is on its way.', order)).toBe(false);
    expect(confirmationIsUsable('Order ORD-1001, total 3960 yen.', order)).toBe(true);
  });

  it('cut long answers to 200 words, on a sentence end when one is near', () => {
    const long = `${'Manga is great. '.repeat(150)}`;
    const cut = limitWords(long);
    expect(cut.split(/\s+/).length).toBeLessThanOrEqual(200);
    expect(cut.endsWith('great.')).toBe(true);
    expect(limitWords('short and sweet')).toBe('short and sweet');
  });
});
