/**
 * Minor units per currency, as Stripe sends amounts
 * (https://docs.stripe.com/currencies#zero-decimal and #three-decimal):
 * zero-decimal currencies such as JPY are already whole units, three-decimal
 * ones are thousandths, everything else hundredths.
 */
const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** Digits after the decimal point of a currency's major unit. */
export function minorDigits(currency: string): number {
  const c = currency.toUpperCase();
  if (ZERO_DECIMAL.has(c)) return 0;
  if (THREE_DECIMAL.has(c)) return 3;
  return 2;
}

/** 1999 USD cents → 19.99; 3960 JPY → 3960; 1500 KWD fils → 1.5. */
export function fromMinorUnits(amount: number, currency: string): number {
  const digits = minorDigits(currency);
  // Rounded to the currency's precision, so 1999 / 100 never prints as 19.990000000000002.
  return Number((amount / 10 ** digits).toFixed(digits));
}

/** `¥3,960`, `$19.99`, `€9.90`, otherwise `1.500 KWD`. */
export function formatMoney(amount: number, currency: string): string {
  const c = currency.toUpperCase();
  const symbols: Record<string, string> = { JPY: '¥', USD: '$', EUR: '€', GBP: '£' };
  const digits = minorDigits(c);
  const text = amount.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return symbols[c] !== undefined ? `${symbols[c]}${text}` : `${text} ${c}`;
}
