import { describe, expect, it } from 'vitest';
import type { TicketRequest } from '../types.ts';
import { retrievalPlan } from './retrieve.ts';

const ticket: TicketRequest = {
  customer: { id: 'C1', name: 'x' },
  asset: { product_type: 'INVERTER', model: 'SunWave 5K', serial: 'SN1' },
  symptom_text: 'Inverter does not start in the morning',
  error_code: 'E205',
  priority: 'P3',
  lang: 'en-US',
  policies: { safe_instructions: true, grounded_only: true },
};

describe('retrievalPlan', () => {
  it('searches the error code within the product type first, then the product type alone', () => {
    expect(retrievalPlan(ticket)).toEqual([
      { query: 'Inverter does not start in the morning SunWave 5K E205', filters: { product_type: 'INVERTER', error_code: 'E205' } },
      { query: 'Inverter does not start in the morning SunWave 5K E205', filters: { product_type: 'INVERTER' } },
    ]);
  });

  it('without an error code, one search within the product type', () => {
    const { error_code: _, ...noCode } = ticket;
    expect(retrievalPlan(noCode)).toEqual([{ query: 'Inverter does not start in the morning SunWave 5K', filters: { product_type: 'INVERTER' } }]);
  });
});
