import { describe, expect, it } from 'vitest';
import { parseSchedule } from '../schedules/index.ts';
import { MAX_SKIPPED_COUNT, dueTick } from './due-tick.ts';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

describe('dueTick (missed-tick policy: fire the latest, skip and count the rest)', () => {
  it('rate: ticks fall at anchor + k·period, the anchor truncated to the minute', () => {
    const rate = parseSchedule('rate(5 minutes)');
    const anchor = at('2026-01-01T12:00:30Z');
    expect(dueTick(rate, anchor, anchor, at('2026-01-01T12:04:59Z'))).toBeUndefined();
    expect(dueTick(rate, anchor, anchor, at('2026-01-01T12:05:00Z'))).toEqual({ tickAt: at('2026-01-01T12:05:00Z'), skipped: 0 });
    // Already fired 12:05: nothing until 12:10.
    expect(dueTick(rate, anchor, at('2026-01-01T12:05:00Z'), at('2026-01-01T12:09:00Z'))).toBeUndefined();
  });

  it('rate: after downtime only the latest missed tick fires', () => {
    const rate = parseSchedule('rate(5 minutes)');
    const anchor = at('2026-01-01T12:00:00Z');
    // Last fired 12:05; back at 13:02 → 12:10 … 13:00 were due (11 ticks): fire 13:00, skip 10.
    expect(dueTick(rate, anchor, at('2026-01-01T12:05:00Z'), at('2026-01-01T13:02:00Z'))).toEqual({ tickAt: at('2026-01-01T13:00:00Z'), skipped: 10 });
  });

  it('cron: fires the latest matching minute after the last tick', () => {
    const everyQuarter = parseSchedule('cron(0/15 * * * ? *)');
    expect(dueTick(everyQuarter, 0, at('2026-01-01T12:00:00Z'), at('2026-01-01T12:14:59Z'))).toBeUndefined();
    expect(dueTick(everyQuarter, 0, at('2026-01-01T12:00:00Z'), at('2026-01-01T12:15:00Z'))).toEqual({ tickAt: at('2026-01-01T12:15:00Z'), skipped: 0 });
    expect(dueTick(everyQuarter, 0, at('2026-01-01T12:00:00Z'), at('2026-01-01T13:20:00Z'))).toEqual({ tickAt: at('2026-01-01T13:15:00Z'), skipped: 4 });
  });

  it('cron: a sparse schedule missed long ago still fires once, late', () => {
    // 10:00 on the last day of each month.
    const monthly = parseSchedule('cron(0 10 L * ? *)');
    const last = at('2025-10-31T10:00:00Z');
    expect(dueTick(monthly, 0, last, at('2026-01-15T00:00:00Z'))).toEqual({ tickAt: at('2025-12-31T10:00:00Z'), skipped: 1 });
  });

  it('cron: a dense schedule down for weeks counts skipped ticks up to the cap', () => {
    const everyMinute = parseSchedule('cron(* * * * ? *)');
    const last = at('2026-01-01T00:00:00Z');
    const now = at('2026-01-01T00:00:00Z') + 30 * 24 * 60 * MIN + 30_000;
    expect(dueTick(everyMinute, 0, last, now)).toEqual({ tickAt: now - 30_000, skipped: MAX_SKIPPED_COUNT });
  });

  it('cron: nothing is due when the Year field has run out', () => {
    const past = parseSchedule('cron(0 0 1 1 ? 2025)');
    expect(dueTick(past, 0, at('2025-01-01T00:00:00Z'), at('2026-06-01T00:00:00Z'))).toBeUndefined();
  });
});
