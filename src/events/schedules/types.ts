export type RateUnit = 'minute' | 'hour' | 'day';

export interface RateSchedule {
  kind: 'rate';
  expression: string;
  value: number;
  unit: RateUnit;
  periodMs: number;
}

/** Day-of-month field after parsing; `none` is `?`. */
export type DayOfMonth =
  | { kind: 'none' }
  | { kind: 'days'; days: ReadonlySet<number> }
  | { kind: 'last' }
  | { kind: 'last-weekday' }
  | { kind: 'nearest-weekday'; day: number };

/** Day-of-week field after parsing (1 = SUN … 7 = SAT); `none` is `?`. */
export type DayOfWeek =
  | { kind: 'none' }
  | { kind: 'days'; days: ReadonlySet<number> }
  | { kind: 'last-of-month'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number };

export interface CronSchedule {
  kind: 'cron';
  expression: string;
  minutes: ReadonlySet<number>;
  hours: ReadonlySet<number>;
  dayOfMonth: DayOfMonth;
  months: ReadonlySet<number>;
  dayOfWeek: DayOfWeek;
  years: ReadonlySet<number>;
}

/** A one-time schedule, `at(yyyy-mm-ddThh:mm:ss)` read in `timezone`. */
export interface AtSchedule {
  kind: 'at';
  expression: string;
  timezone: string;
  /** The instant (ms epoch). */
  at: number;
}

export type Schedule = RateSchedule | CronSchedule | AtSchedule;
