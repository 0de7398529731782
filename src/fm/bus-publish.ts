import { HashiError } from '../kernel/index.ts';
import type { Publish } from './routing/index.ts';

type Entry = { Source: string; DetailType: string; Detail: Record<string, unknown> };

/** The part of the event bus the gateway publishes through (declared here: fm does not import events). */
export interface EventSink {
  putEvents(entries: Entry[]): Promise<{
    FailedEntryCount: number;
    Entries: { ErrorCode?: string; ErrorMessage?: string }[];
  }>;
}

export const FM_EVENT_SOURCE = 'hashi.fm';
/** PutEvents takes at most 10 entries (EventBridge's limit, kept by the bus). */
const MAX_ENTRIES = 10;

/**
 * Publishes gateway events (`InferenceCompleted`, `CanaryRolledBack`,
 * `CircuitStateChanged`) with source `hashi.fm`. Events published in the same
 * turn of the event loop go out together, up to 10 per PutEvents call, so a
 * busy gateway does not pay one bus write per call. A refused entry rejects
 * its own publish (the gateway's safe publisher logs it; the caller never
 * sees it).
 */
export function publishToBus(sink: EventSink): Publish {
  let pending: { entry: Entry; resolve: () => void; reject: (err: unknown) => void }[] = [];

  const send = async (batch: typeof pending) => {
    try {
      const result = await sink.putEvents(batch.map((p) => p.entry));
      batch.forEach((p, i) => {
        const outcome = result.Entries[i];
        if (result.FailedEntryCount > 0 && outcome?.ErrorCode) p.reject(refused(p.entry.DetailType, outcome));
        else p.resolve();
      });
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  };

  const flush = () => {
    const all = pending;
    pending = [];
    for (let i = 0; i < all.length; i += MAX_ENTRIES) void send(all.slice(i, i + MAX_ENTRIES));
  };

  return (detailType, detail) =>
    new Promise<void>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ entry: { Source: FM_EVENT_SOURCE, DetailType: detailType, Detail: detail }, resolve, reject });
    });
}

function refused(detailType: string, outcome: { ErrorCode?: string; ErrorMessage?: string }): HashiError {
  return new HashiError('FM_PUBLISH_FAILED', `${detailType} was not published: ${outcome.ErrorCode} ${outcome.ErrorMessage ?? ''}`.trim(), {
    status: 500,
    details: { detailType, errorCode: outcome.ErrorCode },
  });
}
