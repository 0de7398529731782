import { scheduleError } from './errors.ts';
import type { RateSchedule, RateUnit } from './types.ts';

const MS: Record<RateUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
// One space between value and unit, none elsewhere: "rate( 10 minutes )" and " rate(10 minutes)"
// are refused by EventBridge (LocalStack's AWS-validated test_put_rule_invalid_rate_schedule_expression).
const RATE = /^rate\(([^\s)]+) ([^\s)]+)\)$/;

/**
 * `rate(value unit)`: value a positive whole number; unit minute|hour|day,
 * singular exactly when the value is 1 (EventBridge: "rate(1 hours)" and
 * "rate(5 hour)" are not valid).
 */
export function parseRate(expression: string): RateSchedule {
  const m = RATE.exec(expression);
  if (m === null) throw scheduleError(expression, 'expected rate(value unit), for example rate(5 minutes)');
  const [, valueText = '', unitText = ''] = m;
  if (!/^[0-9]+$/.test(valueText) || Number(valueText) < 1) {
    throw scheduleError(expression, `rate value must be a positive whole number, got ${valueText}`);
  }
  const value = Number(valueText);
  if (!Number.isSafeInteger(value)) throw scheduleError(expression, `rate value ${valueText} is too large`);
  const unit = unitText.replace(/s$/, '') as RateUnit;
  if (!(unit in MS)) throw scheduleError(expression, `rate unit must be minute(s), hour(s) or day(s), got ${unitText}`);
  const plural = unitText.endsWith('s');
  if (value === 1 && plural) throw scheduleError(expression, `a value of 1 needs the singular unit: rate(1 ${unit})`);
  if (value > 1 && !plural) throw scheduleError(expression, `a value above 1 needs the plural unit: rate(${value} ${unit}s)`);
  return { kind: 'rate', expression, value, unit, periodMs: value * MS[unit] };
}

/**
 * Rate runs fall at anchor + k·period (k ≥ 1), the anchor being when the rule
 * was created (EventBridge: "A rate expression starts when you create the
 * scheduled event rule"), truncated to the minute since schedules have
 * one-minute precision. Returns the first `count` runs strictly after `from`.
 */
export function nextRateRuns(schedule: RateSchedule, anchor: Date, from: Date, count: number): Date[] {
  const start = Math.floor(anchor.getTime() / 60_000) * 60_000;
  const after = Math.max(from.getTime(), start);
  let k = Math.floor((after - start) / schedule.periodMs) + 1;
  const out: Date[] = [];
  while (out.length < count) out.push(new Date(start + k++ * schedule.periodMs));
  return out;
}
