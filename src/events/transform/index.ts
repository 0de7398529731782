export { TRANSFORM_CODES } from './errors.ts';
export { parseJsonPath, evaluateJsonPath, MAX_PATH_LENGTH, type JsonPath, type PathStep } from './json-path.ts';
export {
  RESERVED_VARIABLES,
  RULE_ARN,
  RULE_NAME,
  INGESTION_TIME,
  EVENT,
  EVENT_JSON,
  type TransformContext,
} from './reserved.ts';
export { MAX_TEMPLATE_LENGTH } from './template.ts';
export {
  compileTransformer,
  renderTransformer,
  transformInput,
  MAX_VARIABLES,
  type InputTransformerSpec,
  type CompiledTransformer,
} from './transformer.ts';
export {
  compileTargetInput,
  renderTargetInput,
  MAX_INPUT_LENGTH,
  type TargetInput,
  type CompiledTargetInput,
} from './target-input.ts';
