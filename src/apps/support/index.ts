/**
 * Support Desk: AI-solved technical-support tickets with knowledge-base
 * hybrid search. See README.md. Only main.ts imports this folder.
 */
export { createSupportDesk, type SupportDesk, type SupportDeskDeps } from './app.ts';
export { supportMigrations } from './migrations.ts';
export { SUPPORT_CODES } from './errors.ts';
export { supportSettings, type SupportSettings } from './settings.ts';
export { SOLVE_JOB } from './workflow/solve.ts';
export { SOLVE_RULE, PURGE_RULE } from './rules.ts';
export { SUPPORT_SOURCE, TICKET_CREATED, TICKET_SOLVED, TICKET_FAILED, FEEDBACK_RECEIVED } from './events.ts';
export type { IngestResult, IngestProgress } from './kb/knowledge-base.ts';
export type { PurgeResult } from './workflow/purge.ts';
export type { SolutionModel, FmRequest, FmContext, FmStreamEvent, TicketRequest, Solution } from './types.ts';
