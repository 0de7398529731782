import { fmPipelineParts } from '../../config/index.ts';
/**
 * JSON Schema fragment for the JSON-able part of PipelineOptions (hashi.yaml
 * `fm.resilience`, `fm.cache`, `fm.budgets`…). Defaults match the code.
 */
/** The config schema's parts (config validates hashi.yaml) plus the request deadline default. */
export const PIPELINE_OPTIONS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...fmPipelineParts,
    defaultDeadlineMs: { type: 'integer', minimum: 1, default: 29_000 },
  },
} as const;
