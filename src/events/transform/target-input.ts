import { assertJsonDepth } from '../../kernel/index.ts';
import { transformError } from './errors.ts';
import { evaluateJsonPath, parseJsonPath, type JsonPath } from './json-path.ts';
import type { TransformContext } from './reserved.ts';
import { compileTransformer, renderTransformer, type CompiledTransformer, type InputTransformerSpec } from './transformer.ts';

export const MAX_INPUT_LENGTH = 8192;

/** How a target's input is built; EventBridge allows at most one of Input, InputPath, InputTransformer. */
export type TargetInput =
  | { kind: 'event' }
  | { kind: 'input'; input: string }
  | { kind: 'inputPath'; inputPath: string }
  | ({ kind: 'transformer' } & InputTransformerSpec);

export type CompiledTargetInput =
  | { kind: 'event' }
  | { kind: 'input'; input: string }
  | { kind: 'inputPath'; path: JsonPath }
  | { kind: 'transformer'; transformer: CompiledTransformer };

export function compileTargetInput(spec: TargetInput): CompiledTargetInput {
  switch (spec.kind) {
    case 'event':
      return spec;
    case 'input':
      if (typeof spec.input !== 'string' || spec.input.length === 0 || spec.input.length > MAX_INPUT_LENGTH) {
        throw transformError('INPUT_INVALID', `Input must be JSON text of 1-${MAX_INPUT_LENGTH} characters`);
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(spec.input);
      } catch (err) {
        throw transformError('INPUT_INVALID', `Input is not valid JSON: ${(err as Error).message}`);
      }
      // Targets parse and re-serialise it on every delivery.
      assertJsonDepth(parsed, 'Input');
      return spec;
    case 'inputPath':
      return { kind: 'inputPath', path: parseJsonPath(spec.inputPath) };
    case 'transformer':
      return { kind: 'transformer', transformer: compileTransformer(spec) };
  }
}

/**
 * The text delivered to the target, or `undefined` when an InputPath selects
 * nothing (nothing is delivered then).
 */
export function renderTargetInput(compiled: CompiledTargetInput, event: unknown, context: TransformContext = {}): string | undefined {
  switch (compiled.kind) {
    case 'event':
      return JSON.stringify(event);
    case 'input':
      return compiled.input;
    case 'inputPath': {
      const value = evaluateJsonPath(compiled.path, event);
      return value === undefined ? undefined : JSON.stringify(value);
    }
    case 'transformer':
      return renderTransformer(compiled.transformer, event, context);
  }
}
