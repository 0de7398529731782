import { assertJsonDepth } from '../../kernel/index.ts';
import { transformInput } from '../transform/index.ts';
import { errorResult, type ErrorResult } from './result.ts';

export interface TestTransformInput {
  event: unknown;
  inputPathsMap?: Record<string, string>;
  inputTemplate: string;
  context?: { ruleName?: string; ruleArn?: string; ingestionTime?: string | Date };
}

export type TestTransformResult = { output: string } | ErrorResult;

/** `hashi events test-transform`: the text the target would receive. Never throws. */
export function testTransform(input: TestTransformInput): TestTransformResult {
  try {
    if (input === null || typeof input !== 'object') throw new TypeError('expected {event, inputPathsMap, inputTemplate, context?}');
    const spec = input.inputPathsMap === undefined
      ? { inputTemplate: input.inputTemplate }
      : { inputPathsMap: input.inputPathsMap, inputTemplate: input.inputTemplate };
    assertJsonDepth(input.event, 'the event');
    return { output: transformInput(spec, input.event, input.context ?? {}) };
  } catch (err) {
    return errorResult(err);
  }
}
