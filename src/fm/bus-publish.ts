import { HashiError } from '../kernel/index.ts';
import type { Publish } from './routing/index.ts';

/** The part of the event bus the gateway publishes through (declared here: fm does not import events). */
export interface EventSink {
  putEvents(entries: { Source: string; DetailType: string; Detail: Record<string, unknown> }[]): Promise<{
    FailedEntryCount: number;
    Entries: { ErrorCode?: string; ErrorMessage?: string }[];
  }>;
}

export const FM_EVENT_SOURCE = 'hashi.fm';

/**
 * Publishes gateway events (`InferenceCompleted`, `CanaryRolledBack`,
 * `CircuitStateChanged`) with source `hashi.fm`. A refused entry rejects, so
 * the gateway's safe publisher logs it; it never reaches the caller.
 */
export function publishToBus(sink: EventSink): Publish {
  return async (detailType, detail) => {
    const result = await sink.putEvents([{ Source: FM_EVENT_SOURCE, DetailType: detailType, Detail: detail }]);
    if (result.FailedEntryCount > 0) {
      const entry = result.Entries[0];
      throw new HashiError('FM_PUBLISH_FAILED', `${detailType} was not published: ${entry?.ErrorCode ?? 'error'} ${entry?.ErrorMessage ?? ''}`.trim(), {
        status: 500,
        details: { detailType, errorCode: entry?.ErrorCode },
      });
    }
  };
}
