import { describe, expect, it } from 'vitest';
import { isHashiError } from '../../kernel/index.ts';
import { nextRuns, parseSchedule } from './index.ts';

// Sources:
//  DOC = Amazon EventBridge User Guide, "Creating an Amazon EventBridge rule that runs on a schedule"
//        (cron table of examples, CLI examples, rate expressions, limitations)
//  QUARTZ = the Quartz semantics the doc's L / W / # wildcards come from (nearest weekday never
//        leaves the month; L alone in Day-of-week is Saturday)
const utc = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace(':00.000Z', 'Z'));

describe('cron: DOC example table, each row', () => {
  const rows: [expression: string, from: string, expected: string[]][] = [
    ['cron(0 10 * * ? *)', '2024-01-01T00:00Z', ['2024-01-01T10:00Z', '2024-01-02T10:00Z', '2024-01-03T10:00Z']],
    ['cron(15 12 * * ? *)', '2024-01-01T12:15Z', ['2024-01-02T12:15Z', '2024-01-03T12:15Z']],
    // 2024-01-01 is a Monday
    ['cron(0 18 ? * MON-FRI *)', '2024-01-01T00:00Z', ['2024-01-01T18:00Z', '2024-01-02T18:00Z', '2024-01-03T18:00Z', '2024-01-04T18:00Z', '2024-01-05T18:00Z', '2024-01-08T18:00Z']],
    ['cron(0 8 1 * ? *)', '2024-01-01T00:00Z', ['2024-01-01T08:00Z', '2024-02-01T08:00Z', '2024-03-01T08:00Z']],
    ['cron(0/15 * * * ? *)', '2024-01-01T00:00Z', ['2024-01-01T00:15Z', '2024-01-01T00:30Z', '2024-01-01T00:45Z', '2024-01-01T01:00Z']],
    ['cron(0/10 * ? * MON-FRI *)', '2024-01-05T23:40Z', ['2024-01-05T23:50Z', '2024-01-08T00:00Z', '2024-01-08T00:10Z']],
    ['cron(0/5 8-17 ? * MON-FRI *)', '2024-01-01T17:50Z', ['2024-01-01T17:55Z', '2024-01-02T08:00Z', '2024-01-02T08:05Z']],
    // 20-2 wraps past midnight; the small hours belong to the day they fall on, so Saturday's do not run.
    ['cron(0/30 20-2 ? * MON-FRI *)', '2024-01-05T23:00Z', ['2024-01-05T23:30Z', '2024-01-08T00:00Z', '2024-01-08T00:30Z']],
    ['cron(0/30 20-2 ? * MON-FRI *)', '2024-01-01T01:59Z', ['2024-01-01T02:00Z', '2024-01-01T02:30Z', '2024-01-01T20:00Z']],
  ];
  it.each(rows)('%s after %s', (expression, from, expected) => {
    expect(iso(nextRuns(expression, utc(from), expected.length))).toEqual(expected);
  });
});

describe('cron: DOC CLI examples', () => {
  it('cron(0 12 * * ? *) runs every day at 12:00 UTC', () => {
    expect(iso(nextRuns('cron(0 12 * * ? *)', utc('2024-03-10T12:00:30Z'), 2))).toEqual(['2024-03-11T12:00Z', '2024-03-12T12:00Z']);
  });
  it('cron(5,35 14 * * ? *) runs at 14:05 and 14:35', () => {
    expect(iso(nextRuns('cron(5,35 14 * * ? *)', utc('2024-03-10T00:00Z'), 3))).toEqual(['2024-03-10T14:05Z', '2024-03-10T14:35Z', '2024-03-11T14:05Z']);
  });
  it('cron(15 10 ? * 6L 2019-2022) runs on the last Friday of each month until 2022, then stops', () => {
    expect(iso(nextRuns('cron(15 10 ? * 6L 2019-2022)', utc('2022-11-01T00:00Z'), 5))).toEqual(['2022-11-25T10:15Z', '2022-12-30T10:15Z']);
  });
});

describe('cron: L, W and # edge cases (DOC wildcards, QUARTZ)', () => {
  const cases: [string, string, string, string[]][] = [
    ['L in February of a leap year', 'cron(0 0 L * ? *)', '2024-02-01T00:00Z', ['2024-02-29T00:00Z', '2024-03-31T00:00Z']],
    ['L in February of a common year', 'cron(0 0 L * ? *)', '2023-02-01T00:00Z', ['2023-02-28T00:00Z']],
    ['15W when the 15th is a Saturday → Friday 14th', 'cron(0 9 15W * ? 2024)', '2024-06-01T00:00Z', ['2024-06-14T09:00Z']],
    ['15W when the 15th is a Sunday → Monday 16th', 'cron(0 9 15W * ? 2024)', '2024-09-01T00:00Z', ['2024-09-16T09:00Z']],
    ['1W on a Saturday stays in the month → Monday 3rd', 'cron(0 9 1W * ? 2024)', '2024-05-31T00:00Z', ['2024-06-03T09:00Z']],
    ['31W on a Sunday stays in the month → Friday 29th', 'cron(0 9 31W * ? 2024)', '2024-03-01T00:00Z', ['2024-03-29T09:00Z']],
    ['30W skips February, which has no 30th', 'cron(0 9 30W * ? 2024)', '2024-01-31T00:00Z', ['2024-03-29T09:00Z', '2024-04-30T09:00Z']],
    ['LW is the last weekday', 'cron(0 9 LW * ? 2024)', '2024-06-01T00:00Z', ['2024-06-28T09:00Z', '2024-07-31T09:00Z']],
    ['6#3 is the third Friday', 'cron(0 9 ? * 6#3 *)', '2024-01-01T00:00Z', ['2024-01-19T09:00Z', '2024-02-16T09:00Z']],
    ['FRI#3 is the same as 6#3', 'cron(0 9 ? * FRI#3 *)', '2024-01-01T00:00Z', ['2024-01-19T09:00Z']],
    ['2#5 (fifth Monday) skips months without one', 'cron(0 9 ? * 2#5 *)', '2024-01-02T00:00Z', ['2024-01-29T09:00Z', '2024-04-29T09:00Z', '2024-07-29T09:00Z', '2024-09-30T09:00Z']],
    ['3#2 is the second Tuesday (DOC)', 'cron(0 9 ? * 3#2 *)', '2024-01-01T00:00Z', ['2024-01-09T09:00Z']],
    ['L alone in Day-of-week is Saturday', 'cron(0 9 ? * L *)', '2024-01-01T00:00Z', ['2024-01-06T09:00Z']],
    ['Day-of-week 1 is Sunday', 'cron(0 9 ? * 1 *)', '2024-01-01T00:00Z', ['2024-01-07T09:00Z']],
    ['names are case-insensitive', 'cron(0 9 1 jan,Jul ? *)', '2024-01-02T00:00Z', ['2024-07-01T09:00Z', '2025-01-01T09:00Z']],
    ['a day-of-week range may wrap (FRI-MON)', 'cron(0 9 ? * FRI-MON *)', '2024-01-02T00:00Z', ['2024-01-05T09:00Z', '2024-01-06T09:00Z', '2024-01-07T09:00Z', '2024-01-08T09:00Z', '2024-01-12T09:00Z']],
    ['a range with an increment', 'cron(10-40/15 9 * * ? *)', '2024-01-01T00:00Z', ['2024-01-01T09:10Z', '2024-01-01T09:25Z', '2024-01-01T09:40Z', '2024-01-02T09:10Z']],
    ['*/20 in minutes', 'cron(*/20 9 * * ? *)', '2024-01-01T00:00Z', ['2024-01-01T09:00Z', '2024-01-01T09:20Z', '2024-01-01T09:40Z']],
    ['the year field ends the schedule', 'cron(0 0 1 1 ? 2024)', '2024-06-01T00:00Z', []],
    ['31 only fires in months that have it', 'cron(0 0 31 * ? *)', '2024-01-31T00:00Z', ['2024-03-31T00:00Z', '2024-05-31T00:00Z']],
  ];
  it.each(cases)('%s', (_name, expression, from, expected) => {
    expect(iso(nextRuns(expression, utc(from), 5).slice(0, expected.length === 0 ? 5 : expected.length))).toEqual(expected);
  });

  it('is strict: a run exactly at `from` is not returned, and seconds are ignored', () => {
    expect(iso(nextRuns('cron(0 10 * * ? *)', utc('2024-01-01T10:00:00Z'), 1))).toEqual(['2024-01-02T10:00Z']);
    expect(iso(nextRuns('cron(* * * * ? *)', utc('2024-01-01T10:00:59.999Z'), 2))).toEqual(['2024-01-01T10:01Z', '2024-01-01T10:02Z']);
  });

  it('finds a run years away without scanning minute by minute', () => {
    const started = performance.now();
    const runs = nextRuns('cron(0 0 29 2 ? *)', utc('2101-03-01T00:00Z'), 2);
    expect(iso(runs)).toEqual(['2104-02-29T00:00Z', '2108-02-29T00:00Z']);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('rate', () => {
  it('runs every period after the anchor, truncated to the minute (DOC: starts when the rule is created)', () => {
    const anchor = utc('2024-01-01T10:02:30Z');
    expect(iso(nextRuns('rate(5 minutes)', anchor, 3, { anchor }))).toEqual(['2024-01-01T10:07Z', '2024-01-01T10:12Z', '2024-01-01T10:17Z']);
    expect(iso(nextRuns('rate(5 minutes)', utc('2024-01-01T10:12:00Z'), 2, { anchor }))).toEqual(['2024-01-01T10:17Z', '2024-01-01T10:22Z']);
  });
  it('anchors at `from` when no anchor is given', () => {
    expect(iso(nextRuns('rate(1 hour)', utc('2024-01-01T10:30Z'), 2))).toEqual(['2024-01-01T11:30Z', '2024-01-01T12:30Z']);
  });
  it.each([
    ['rate(1 minute)', 60_000],
    ['rate(5 minutes)', 300_000],
    ['rate(1 hour)', 3_600_000],
    ['rate(2 days)', 172_800_000],
    ['rate(1 day)', 86_400_000],
  ])('%s has the documented period', (expression, period) => {
    expect(parseSchedule(expression)).toMatchObject({ kind: 'rate', periodMs: period });
  });
});

describe('cron whose years are over (valid, never fires)', () => {
  it('a year range wholly in the past parses and has no next run', () => {
    expect(parseSchedule('cron(0 10 * * ? 2019-2020)')).toMatchObject({ kind: 'cron' });
    expect(nextRuns('cron(0 10 * * ? 2019-2020)', utc('2024-01-01T00:00Z'), 5)).toEqual([]);
    expect(nextRuns('cron(0 0 1 1 ? 1970)', utc('2024-01-01T00:00Z'), 1)).toEqual([]);
  });
});

describe('at(): one-time schedules in a time zone (EventBridge Scheduler)', () => {
  it('is read in UTC by default and runs once', () => {
    const s = parseSchedule('at(2030-03-15T09:30:00)');
    expect(s).toMatchObject({ kind: 'at', at: Date.UTC(2030, 2, 15, 9, 30), timezone: 'UTC' });
    expect(iso(nextRuns(s, utc('2030-01-01T00:00Z'), 3))).toEqual(['2030-03-15T09:30Z']);
    expect(nextRuns(s, utc('2030-03-15T09:30Z'), 3)).toEqual([]);
  });
  it.each([
    ['Asia/Tokyo (UTC+9, no DST)', 'at(2030-03-15T09:30:00)', 'Asia/Tokyo', '2030-03-15T00:30:00.000Z'],
    ['America/New_York in winter (EST, UTC-5)', 'at(2030-01-15T09:30:00)', 'America/New_York', '2030-01-15T14:30:00.000Z'],
    ['America/New_York in summer (EDT, UTC-4)', 'at(2030-07-15T09:30:00)', 'America/New_York', '2030-07-15T13:30:00.000Z'],
    // Clocks go forward at 02:00 on 2030-03-10: 02:30 never happens and moves to 03:30 EDT.
    ['a time the spring-forward skips moves forward by the gap', 'at(2030-03-10T02:30:00)', 'America/New_York', '2030-03-10T07:30:00.000Z'],
    // Clocks go back at 02:00 on 2030-11-03: 01:30 happens twice; the first (EDT) is taken.
    ['a time the fall-back repeats is its first occurrence', 'at(2030-11-03T01:30:00)', 'America/New_York', '2030-11-03T05:30:00.000Z'],
    ['Europe/Berlin (CEST, UTC+2)', 'at(2030-06-01T00:00:00)', 'Europe/Berlin', '2030-05-31T22:00:00.000Z'],
  ])('%s', (_name, expression, zone, instant) => {
    expect(new Date((parseSchedule(expression, zone) as { at: number }).at).toISOString()).toBe(instant);
  });
});

describe('invalid expressions', () => {
  const invalid: [string, RegExp][] = [
    ['rate(1 hours)', /value of 1 needs the singular unit/],
    ['rate(5 hour)', /value above 1 needs the plural unit/],
    ['rate(0 minutes)', /positive whole number/],
    ['rate(-1 minutes)', /positive whole number/],
    ['rate(1.5 minutes)', /positive whole number/],
    ['rate(5 seconds)', /minute\(s\), hour\(s\) or day\(s\)/],
    ['rate(5minutes)', /expected rate\(value unit\)/],
    ['rate()', /expected rate\(value unit\)/],
    ['every 5 minutes', /expected rate\(value unit\), cron/],
    ['cron(0 10 * * ?)', /needs 6 fields/],
    ['cron(0 10 ? * ? *)', /exactly one of Day-of-month and Day-of-week must be \?/],
    ['cron(0 10 * * * *)', /exactly one of Day-of-month and Day-of-week must be \?/],
    ['cron(0 10 1 * MON *)', /exactly one of Day-of-month and Day-of-week must be \?/],
    ['cron(60 10 * * ? *)', /Minutes: 60 is outside 0-59/],
    ['cron(0 24 * * ? *)', /Hours: 24 is outside 0-23/],
    ['cron(0 0 32 * ? *)', /Day-of-month: 32 is outside 1-31/],
    ['cron(0 0 0 * ? *)', /Day-of-month: 0 is outside 1-31/],
    ['cron(0 0 1 13 ? *)', /Month: 13 is outside 1-12/],
    ['cron(0 0 ? * 8 *)', /Day-of-week: 8 is outside 1-7/],
    ['cron(0 0 ? * 0 *)', /Day-of-week: 0 is outside 1-7/],
    ['cron(0 0 1 * ? 2200)', /Year: 2200 is outside 1970-2199/],
    ['cron(0 0 1 * ? 1969)', /Year: 1969 is outside 1970-2199/],
    ['cron(0 0 ? * 3#1,6#3 *)', /# allows one expression/],
    ['cron(0 0 ? * 3#6 *)', /instance after # must be 1-5/],
    ['cron(0 0 1W,15W * ? *)', /L and W must stand alone/],
    ['cron(0 0 L-3 * ? *)', /L and W must stand alone/],
    ['cron(0 0 ? * 2L,3 *)', /L must stand alone/],
    ['cron(? 0 1 * ? *)', /Minutes: \? is only allowed/],
    ['cron(0/0 * * * ? *)', /increment "0" must be a positive whole number/],
    ['cron(0 0 1 FOO ? *)', /Month: "FOO" is not a number or a name/],
    ['cron(0 0 1-2-3 * ? *)', /is not a range/],
    ['cron(0 0 1,,2 * ? *)', /empty item/],
    [`cron(${'0,'.repeat(130)}0 0 1 * ? *)`, /longer than 256 characters/],
    // LS_AWS = LocalStack's AWS-validated test_put_rule_invalid_rate_schedule_expression (EventBridge
    // answers "Parameter ScheduleExpression is not valid." to each).
    ['rate( 10 minutes )', /expected rate\(value unit\)/],
    [' rate(10 minutes)', /no whitespace is allowed before or after/],
    ['rate(10 minutes) ', /no whitespace is allowed before or after/],
    ['rate(10  minutes)', /expected rate\(value unit\)/],
    ['rate(10 MINUTES)', /minute\(s\), hour\(s\) or day\(s\)/],
    ['rate(10 minutess)', /minute\(s\), hour\(s\) or day\(s\)/],
    ['rate(10 years)', /minute\(s\), hour\(s\) or day\(s\)/],
    ['rate(foo minutes)', /positive whole number/],
    ['rate(10)', /expected rate\(value unit\)/],
    // LocalStack's AWS-validated tests_create_schedule_with_invalid_schedule_expression (Scheduler).
    ['at(2021-12-31T23:59:59Z)', /expected at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2021-12-31)', /expected at\(yyyy-mm-ddThh:mm:ss\)/],
    ['at(2021-02-30T10:00:00)', /does not exist/],
    ['at(2021-12-31T24:00:00)', /does not exist/],
  ];
  it.each(invalid)('%s', (expression, message) => {
    let caught: unknown;
    try {
      parseSchedule(expression);
    } catch (err) {
      caught = err;
    }
    expect(isHashiError(caught) && caught.code).toBe('SCHEDULE_INVALID');
    expect((caught as Error).message).toMatch(message);
  });

  it('refuses a time zone that is not one, and a time zone on rate() or cron() (they run in UTC)', () => {
    expect(() => parseSchedule('at(2030-01-01T00:00:00)', 'Mars/Olympus')).toThrow(/is not a time zone name/);
    expect(() => parseSchedule('rate(5 minutes)', 'Asia/Tokyo')).toThrow(/applies to at\(\) expressions/);
    expect(parseSchedule('cron(0 10 * * ? *)', 'UTC')).toMatchObject({ kind: 'cron' });
  });

  it('refuses a bad count', () => {
    expect(() => nextRuns('rate(1 minute)', new Date(0), -1)).toThrow(/count must be a whole number/);
  });
});
