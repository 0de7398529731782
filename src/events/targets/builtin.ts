import { PermanentError, RetryableError, ValidationError } from '../../kernel/index.ts';
import { userDetail } from '../bus/chain.ts';
import { normalizeName } from '../bus/namespace.ts';
import type { EventEnvelope, PublishOptions, PutEventsEntry, PutEventsResult } from '../types.ts';
import type { TargetRegistry } from './registry.ts';

type Publish = (entries: PutEventsEntry[], options: PublishOptions, internal?: { reservedSources: boolean }) => Promise<PutEventsResult>;

function parseInput(input: string): unknown {
  try {
    return JSON.parse(input) as unknown;
  } catch {
    return input;
  }
}

/** `function:<name>`: calls a function an application registered, with a loop-guarded `publish`. */
export function registerFunctionKind(registry: TargetRegistry, publish: Publish): void {
  registry.registerKind(
    'function',
    async ({ name, event, input, rule, attempt, signal }) => {
      const fn = registry.fn(name);
      if (!fn) throw new RetryableError(`no function ${name} is registered on this worker`, { code: 'EVENT_TARGET_UNAVAILABLE' });
      await fn(event, { publish: (entries) => publish(entries, { causedBy: event }), input: parseInput(input), rule, attempt, signal });
    },
    (target, name) => {
      if (!registry.fn(name)) throw new ValidationError('EVENT_FUNCTION_UNKNOWN', `Arn ${target.Arn}: no function ${name} is registered`, { details: { function: name } });
    },
  );
}

/**
 * `bus:<name>`: forwards the event, unchanged, to another bus, one step
 * deeper in its chain, so bus-to-bus cycles stop at the loop guard too.
 */
export function registerBusKind(registry: TargetRegistry, publish: Publish, hasBus: (name: string) => boolean, systemAccount: string): void {
  registry.registerKind(
    'bus',
    async ({ name, event }: { name: string; event: EventEnvelope }) => {
      const bus = normalizeName(systemAccount, name);
      const entry: PutEventsEntry = { Source: event.source, DetailType: event['detail-type'], Detail: userDetail(event.detail), Resources: event.resources, Time: event.time, EventBusName: bus };
      const result = await publish([entry], { causedBy: event }, { reservedSources: true });
      const failed = result.Entries[0];
      if (failed?.ErrorCode) {
        if (failed.ErrorCode === 'InternalFailure') throw new RetryableError(`bus ${name}: ${failed.ErrorMessage ?? ''}`, { code: 'EVENT_TARGET_UNAVAILABLE' });
        throw new PermanentError(`bus ${name} refused the event: ${failed.ErrorCode}: ${failed.ErrorMessage ?? ''}`, { code: 'EVENT_DELIVERY_REFUSED' });
      }
    },
    (target, name) => {
      if (!hasBus(normalizeName(systemAccount, name))) throw new ValidationError('EVENT_BUS_NOT_FOUND', `Arn ${target.Arn}: event bus ${name} does not exist`);
      if (target.Input !== undefined || target.InputPath !== undefined || target.InputTransformer !== undefined) {
        throw new ValidationError('EVENT_TARGET_INVALID', `Arn ${target.Arn}: a bus target forwards the event unchanged; Input, InputPath and InputTransformer are not allowed`);
      }
    },
  );
}
