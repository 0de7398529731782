export { createCompletionPipeline, DEFAULT_DEADLINE_MS } from './create.ts';
export type { CompletionPipeline, OpenedCall } from './create.ts';
export { compose } from './compose.ts';
export type { Composed, Handler, Middleware } from './compose.ts';
export { PIPELINE_OPTIONS_SCHEMA } from './schema.ts';
export { PIPELINE_CODES } from './errors.ts';
export type { CandidateFailure } from './errors.ts';
export type {
  GatewayContext,
  GatewayRequest,
  GatewayResult,
  GatewayStream,
  GatewayStreamEvent,
  GatewayStreamMeta,
  PipelineDeps,
  PipelineOptions,
  RequestState,
  RouteSummary,
} from './types.ts';
