import { ValidationError } from '../../kernel/index.ts';
import type { EventFunction, TargetDefinition, TargetDeliver, TargetValidate } from '../types.ts';
import type { TargetRef } from './arn.ts';

interface Kind {
  deliver: TargetDeliver;
  validate?: TargetValidate;
}

/** Target kinds and application functions, registered at composition time. */
export class TargetRegistry {
  private readonly kinds = new Map<string, Kind>();
  private readonly functions = new Map<string, EventFunction>();

  registerKind(kind: string, deliver: TargetDeliver, validate?: TargetValidate): void {
    if (!/^[a-z][a-z0-9-]{0,31}$/.test(kind)) throw new ValidationError('EVENT_TARGET_INVALID', `target kind ${JSON.stringify(kind)} must be lower-case letters, digits or "-"`);
    if (this.kinds.has(kind)) throw new ValidationError('EVENT_TARGET_INVALID', `target kind ${kind} is already registered`);
    this.kinds.set(kind, validate ? { deliver, validate } : { deliver });
  }

  registerFunction(name: string, fn: EventFunction): void {
    if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) throw new ValidationError('EVENT_TARGET_INVALID', `function name ${JSON.stringify(name)} must be 1-64 of letters, digits, ".", "-" or "_"`);
    if (this.functions.has(name)) throw new ValidationError('EVENT_TARGET_INVALID', `function ${name} is already registered`);
    this.functions.set(name, fn);
  }

  kind(kind: string): Kind | undefined {
    return this.kinds.get(kind);
  }

  fn(name: string): EventFunction | undefined {
    return this.functions.get(name);
  }

  get kindNames(): string[] {
    return [...this.kinds.keys()].sort();
  }

  /** Rule validation: the kind must be registered, and accept the target. */
  check(ref: TargetRef, target: TargetDefinition): void {
    const kind = this.kinds.get(ref.kind);
    if (!kind) {
      throw new ValidationError('EVENT_TARGET_KIND_UNKNOWN', `Arn ${target.Arn}: no target kind ${ref.kind} (registered: ${this.kindNames.join(', ')})`, {
        details: { kind: ref.kind },
      });
    }
    kind.validate?.(target, ref.name);
  }
}
