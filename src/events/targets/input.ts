import { compileTargetInput, renderTargetInput, type CompiledTargetInput, type TargetInput } from '../transform/index.ts';
import type { EventEnvelope, TargetDefinition } from '../types.ts';

/** The target's EventBridge input options as the transform module's spec. */
export function targetInputSpec(target: TargetDefinition): TargetInput {
  if (target.Input !== undefined) return { kind: 'input', input: target.Input };
  if (target.InputPath !== undefined) return { kind: 'inputPath', inputPath: target.InputPath };
  if (target.InputTransformer !== undefined) {
    const { InputPathsMap, InputTemplate } = target.InputTransformer;
    return { kind: 'transformer', inputTemplate: InputTemplate, ...(InputPathsMap ? { inputPathsMap: InputPathsMap } : {}) };
  }
  return { kind: 'event' };
}

/**
 * Renders target inputs, compiling each distinct target definition once
 * (deliveries of the same rule repeat the same definition).
 */
export class InputRenderer {
  private readonly cache = new Map<string, CompiledTargetInput>();

  constructor(private readonly maxEntries = 1000) {}

  /** The payload text, or undefined when an InputPath selects nothing (nothing is delivered). */
  render(target: TargetDefinition, event: EventEnvelope, context: { ruleName: string; ruleArn: string; ingestionTime: string }): string | undefined {
    const spec = targetInputSpec(target);
    if (spec.kind === 'event') return JSON.stringify(event);
    const key = JSON.stringify(spec);
    let compiled = this.cache.get(key);
    if (!compiled) {
      compiled = compileTargetInput(spec);
      if (this.cache.size >= this.maxEntries) this.cache.clear();
      this.cache.set(key, compiled);
    }
    return renderTargetInput(compiled, event, context);
  }
}
