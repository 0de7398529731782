export { UsageRepository } from './repository.ts';
export { usageFromCompleted } from './from-event.ts';
export { parseUsageRange } from './range.ts';
export type { UsageGroup, UsageGroupBy, UsageQuery, UsageRecord, UsageReport, UsageTotals } from './types.ts';
