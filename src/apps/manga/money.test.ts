import { describe, expect, it } from 'vitest';
import { formatMoney, fromMinorUnits, minorDigits } from './money.ts';

// Cases from Stripe's currency docs (docs.stripe.com/currencies): "to charge ¥500, provide an amount value of 500";
// "to charge 10 USD, provide an amount value of 1000"; three-decimal currencies such as KWD use thousandths.
describe('minor units per currency', () => {
  it('keeps zero-decimal currencies whole and divides the others', () => {
    expect(fromMinorUnits(500, 'jpy')).toBe(500);
    expect(fromMinorUnits(3960, 'JPY')).toBe(3960);
    expect(fromMinorUnits(50000, 'KRW')).toBe(50000);
    expect(fromMinorUnits(1000, 'usd')).toBe(10);
    expect(fromMinorUnits(1999, 'EUR')).toBe(19.99);
    expect(fromMinorUnits(1500, 'KWD')).toBe(1.5);
    expect(fromMinorUnits(1, 'USD')).toBe(0.01);
  });

  it('knows the digits of each class and defaults to two', () => {
    expect([minorDigits('JPY'), minorDigits('vnd'), minorDigits('BHD'), minorDigits('GBP'), minorDigits('XYZ')]).toEqual([0, 0, 3, 2, 2]);
  });

  it('formats with the currency precision', () => {
    expect(formatMoney(3960, 'JPY')).toBe('¥3,960');
    expect(formatMoney(19.9, 'USD')).toBe('$19.90');
    expect(formatMoney(1.5, 'KWD')).toBe('1.500 KWD');
  });
});
