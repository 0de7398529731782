import { ValidationError, defineCodes } from '../../kernel/index.ts';

export const TRANSFORM_CODES = defineCodes({
  INPUT_PATH_INVALID: {
    status: 400,
    description: 'A JSONPath (InputPath or an InputPathsMap value) is outside the subset EventBridge supports.',
  },
  INPUT_TRANSFORMER_INVALID: {
    status: 400,
    description: 'An InputTransformer breaks EventBridge rules: variable names, limits, placeholders or template JSON.',
  },
  INPUT_INVALID: {
    status: 400,
    description: 'A constant Input is not valid JSON text.',
  },
});

export type TransformCode = keyof typeof TRANSFORM_CODES;

export function transformError(code: TransformCode, message: string, details: Record<string, unknown> = {}): ValidationError {
  return new ValidationError(code, message, { details });
}
