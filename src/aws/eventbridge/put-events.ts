import { sandbox, type PutEventsEntry } from '../../events/index.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { list, str } from '../protocol/input.ts';
import type { EbOperation } from './context.ts';

/** Per-entry Hashi codes EventBridge has its own name for. */
const ENTRY_CODES: Record<string, string> = { EVENT_BUS_NOT_FOUND: 'ResourceNotFoundException' };
const ENVELOPE = ['id', 'account', 'source', 'time', 'region', 'detail-type'];

export const putEventsOperations: Record<string, EbOperation> = {
  /**
   * PutEvents on the caller's buses: each entry's EventBusName (name or ARN)
   * is resolved in the caller's account; one naming another account fails
   * alone with AccessDeniedException, as other per-entry refusals do.
   */
  async PutEvents(input, call) {
    const entries = list<Record<string, unknown>>(input, 'Entries', { required: true }) ?? [];
    const denied = new Map<number, AwsError>();
    const mapped = entries.map((raw, i) => {
      if (raw === null || typeof raw !== 'object') return raw as unknown as PutEventsEntry;
      try {
        return { ...raw, EventBusName: call.names.bus(typeof raw.EventBusName === 'string' ? raw.EventBusName : undefined) } as unknown as PutEventsEntry;
      } catch (err) {
        denied.set(i, err as AwsError);
        return { ...raw, EventBusName: call.names.bus(undefined) } as unknown as PutEventsEntry;
      }
    });
    const result = await call.bus.putEvents(mapped);
    let failed = result.FailedEntryCount;
    const out = result.Entries.map((e, i) => {
      const refusal = denied.get(i);
      if (refusal) {
        if (e.EventId) failed++;
        return { ErrorCode: refusal.type, ErrorMessage: refusal.message };
      }
      return e.ErrorCode ? { ErrorCode: ENTRY_CODES[e.ErrorCode] ?? e.ErrorCode, ErrorMessage: e.ErrorMessage } : { EventId: e.EventId };
    });
    return { FailedEntryCount: failed, Entries: out };
  },

  async TestEventPattern(input) {
    const pattern = str(input, 'EventPattern', { required: true, max: 4096 });
    const eventText = str(input, 'Event', { required: true });
    let event: unknown;
    try {
      event = JSON.parse(eventText);
    } catch {
      throw new AwsError('ValidationException', 'Parameter Event is not valid: it is not JSON.', 400);
    }
    const missing = ENVELOPE.filter((k) => event === null || typeof event !== 'object' || !(k in event));
    if (missing.length > 0) throw new AwsError('ValidationException', `Parameter Event is not valid: it lacks the field(s) ${missing.join(', ')} every event has.`, 400);
    let parsed: unknown;
    try {
      parsed = JSON.parse(pattern);
    } catch {
      throw new AwsError('InvalidEventPatternException', 'Event pattern is not valid. Reason: it is not valid JSON.', 400);
    }
    const result = sandbox.testPattern(parsed, event);
    if ('error' in result) throw new AwsError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${result.error}`, 400);
    return { Result: result.match };
  },
};
