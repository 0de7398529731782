import { PermanentError, RetryableError, ValidationError } from '../../kernel/index.ts';
import type { Queue } from '../../queue/index.ts';
import { userDetail } from '../bus/chain.ts';
import type { EventEnvelope, PublishOptions, PutEventsEntry, PutEventsResult } from '../types.ts';
import type { TargetRegistry } from './registry.ts';

type Publish = (entries: PutEventsEntry[], options: PublishOptions, internal?: { reservedSources: boolean }) => Promise<PutEventsResult>;

/** What a `queue:<name>` target leaves for its consumer (job type `queue:<name>`). */
export interface QueueMessage {
  /** The target input (JSON text unless a transformer made plain text). */
  body: string;
  eventId: string;
  bus: string;
  rule: string;
  target: string;
}

export const queueJobType = (name: string): string => `queue:${name}`;

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
export function registerBusKind(registry: TargetRegistry, publish: Publish, hasBus: (name: string) => boolean): void {
  registry.registerKind(
    'bus',
    async ({ name, event }: { name: string; event: EventEnvelope }) => {
      const entry: PutEventsEntry = { Source: event.source, DetailType: event['detail-type'], Detail: userDetail(event.detail), Resources: event.resources, Time: event.time, EventBusName: name };
      const result = await publish([entry], { causedBy: event }, { reservedSources: true });
      const failed = result.Entries[0];
      if (failed?.ErrorCode) {
        if (failed.ErrorCode === 'InternalFailure') throw new RetryableError(`bus ${name}: ${failed.ErrorMessage ?? ''}`, { code: 'EVENT_TARGET_UNAVAILABLE' });
        throw new PermanentError(`bus ${name} refused the event: ${failed.ErrorCode}: ${failed.ErrorMessage ?? ''}`, { code: 'EVENT_DELIVERY_REFUSED' });
      }
    },
    (target, name) => {
      if (!hasBus(name)) throw new ValidationError('EVENT_BUS_NOT_FOUND', `Arn ${target.Arn}: event bus ${name} does not exist`);
      if (target.Input !== undefined || target.InputPath !== undefined || target.InputTransformer !== undefined) {
        throw new ValidationError('EVENT_TARGET_INVALID', `Arn ${target.Arn}: a bus target forwards the event unchanged; Input, InputPath and InputTransformer are not allowed`);
      }
    },
  );
}

/**
 * `queue:<name>`: leaves the input as a job of type `queue:<name>` for a
 * consumer registered with `EventBus.consumeQueue(name, …)` (or
 * `queue.register`); the queue gives it retries and its own DLQ entries.
 */
export function registerQueueKind(registry: TargetRegistry, queue: Queue): void {
  registry.registerKind(
    'queue',
    async ({ name, event, input, rule, bus, target }) => {
      const message: QueueMessage = { body: input, eventId: event.id, bus, rule, target: target.Id };
      const replay = event['replay-name'] ? `:replay:${event['replay-name']}` : '';
      await queue.enqueue({ type: queueJobType(name), payload: message, dedupeKey: `queue:${name}:${event.id}:${bus}:${rule}:${target.Id}${replay}`, meta: { eventId: event.id, rule, bus } });
    },
    (target, name) => {
      if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) throw new ValidationError('EVENT_TARGET_INVALID', `Arn ${target.Arn}: a queue name is 1-64 of letters, digits, ".", "-" or "_"`);
    },
  );
}
