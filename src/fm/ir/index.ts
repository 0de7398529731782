/** The gateway's own model of a chat call (types.ts), and the helpers every dialect and the pipeline share. */
export type * from './types.ts';
export { accumulate, eventsOfResult, ResultAccumulator } from './accumulate.ts';
export { mergeUsage, promptTokens, totalTokens, ZERO_USAGE } from './usage.ts';
