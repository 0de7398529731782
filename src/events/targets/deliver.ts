import { PermanentError, RetryableError, isHashiError } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Job, JobHandler } from '../../queue/index.ts';
import type { BusMetrics } from '../bus/metrics.ts';
import { parseTargetArn } from './arn.ts';
import type { InputRenderer } from './input.ts';
import type { DeliveryPayload } from './jobs.ts';
import type { TargetRegistry } from './registry.ts';

export interface DeliverDeps {
  registry: TargetRegistry;
  renderer: InputRenderer;
  metrics: BusMetrics;
  logger: Logger;
}

function renderInput(deps: DeliverDeps, p: DeliveryPayload): string | undefined {
  try {
    return deps.renderer.render(p.target, p.event, { ruleName: p.rule, ruleArn: p.ruleArn, ingestionTime: p.ingestedAt });
  } catch (err) {
    // A definition that passed validation cannot start failing; retrying will not help.
    throw new PermanentError(`target ${p.target.Id}: input could not be built: ${(err as Error).message}`, { code: isHashiError(err) ? err.code : 'EVENT_TARGET_INVALID', cause: err });
  }
}

/**
 * The `events.deliver` job: builds the target's input and hands it to the
 * target kind. The kind's errors steer the queue: PermanentError → DLQ now,
 * anything else → retry with backoff until the target's RetryPolicy runs out.
 */
export function deliveryHandler(deps: DeliverDeps): JobHandler<DeliveryPayload> {
  return async (job: Job<DeliveryPayload>, ctx) => {
    const p = job.payload;
    const ref = parseTargetArn(p.target.Arn);
    if (!ref) throw new PermanentError(`target ${p.target.Id}: Arn ${p.target.Arn} is not <kind>:<name>`, { code: 'EVENT_TARGET_INVALID' });
    const kind = deps.registry.kind(ref.kind);
    if (!kind) {
      // A worker of an older build, or a capability switched off: another worker (or a later deploy) may have it.
      throw new RetryableError(`no target kind ${ref.kind} is registered on this worker`, { code: 'EVENT_TARGET_UNAVAILABLE' });
    }
    const input = renderInput(deps, p);
    if (input === undefined) {
      // EventBridge delivers nothing when the InputPath selects nothing.
      deps.metrics.deliveries({ kind: ref.kind, outcome: 'skipped' });
      return;
    }
    try {
      await kind.deliver({ target: p.target, kind: ref.kind, name: ref.name, event: p.event, input, rule: p.rule, bus: p.bus, attempt: job.attempt, signal: ctx.signal });
    } catch (err) {
      const final = err instanceof PermanentError || job.attempt >= job.maxAttempts;
      deps.metrics.deliveries({ kind: ref.kind, outcome: final ? 'failed' : 'retried' });
      throw err;
    }
    deps.metrics.deliveries({ kind: ref.kind, outcome: 'delivered' });
  };
}
