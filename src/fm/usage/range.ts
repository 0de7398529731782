import { ValidationError } from '../../kernel/index.ts';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function parse(name: string, value: string): number {
  const ms = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new ValidationError('VALIDATION_FAILED', `${name}: not a date or date-time: ${value}`, { details: [{ path: name, message: 'must be a date (YYYY-MM-DD) or an ISO date-time' }] });
  return ms;
}

/**
 * `from`/`to` of a usage query: dates are UTC days and `to` includes its day;
 * date-times are instants and `to` is exclusive.
 */
export function parseUsageRange(from: string | undefined, to: string | undefined): { from?: number; to?: number } {
  const out: { from?: number; to?: number } = {};
  if (from) out.from = parse('from', from);
  if (to) out.to = parse('to', to) + (DATE_ONLY.test(to) ? DAY_MS : 0);
  if (out.from !== undefined && out.to !== undefined && out.to <= out.from) {
    throw new ValidationError('VALIDATION_FAILED', '`to` must be after `from`', { details: [{ path: 'to', message: 'must be after from' }] });
  }
  return out;
}
