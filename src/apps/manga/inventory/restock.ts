import type { Product } from '../types.ts';

export const RESTOCK_SYSTEM =
  'You write short restock requests from a Japanese manga store to its supplier. Two or three sentences, polite and specific: ' +
  'name the title, volume, edition and product id, the stock left and the threshold, and suggest a reorder quantity.';

/** Enough to bring stock back to four times the threshold (at least 10). */
export function suggestedQuantity(stock: number, threshold: number): number {
  return Math.max(10, threshold * 4 - stock);
}

export function restockPrompt(p: Product, stock: number): string {
  return [
    `Product id: ${p.id}`,
    `Title: ${p.title} vol. ${p.volume} (${p.language === 'ja' ? 'Japanese' : 'English'} edition) by ${p.author}`,
    `Stock left: ${stock}`,
    `Threshold: ${p.stock_threshold}`,
    `Suggested reorder: ${suggestedQuantity(stock, p.stock_threshold)}`,
  ].join('\n');
}

/** The offline stand-in. */
export function templateRestockNote(p: Product, stock: number): string {
  const qty = suggestedQuantity(stock, p.stock_threshold);
  return (
    `Stock of ${p.title} vol. ${p.volume} (${p.language === 'ja' ? 'Japanese' : 'English'} edition, product ${p.id}) is down to ${stock}, ` +
    `below our threshold of ${p.stock_threshold}. Please send ${qty} copies at your earliest convenience. Thank you!`
  );
}
