export { SCHEDULE_CODES } from './errors.ts';
export { parseSchedule, nextRuns, MAX_EXPRESSION_LENGTH, MAX_RUNS, type NextRunsOptions } from './schedule.ts';
export type { Schedule, RateSchedule, CronSchedule, AtSchedule, RateUnit, DayOfMonth, DayOfWeek } from './types.ts';
