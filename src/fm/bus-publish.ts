import { HashiError } from '../kernel/index.ts';
import type { Executor } from '../store/index.ts';
import type { Publish } from './routing/index.ts';

type Entry = { Source: string; DetailType: string; Detail: Record<string, unknown> };
type PutResult = { FailedEntryCount: number; Entries: { ErrorCode?: string; ErrorMessage?: string }[] };

/** The part of the event bus the gateway publishes through (declared here: fm does not import events). */
export interface EventSink {
  /** With `tx`, the events and their delivery jobs are written in that transaction (the bus's outbox). */
  putEvents(entries: Entry[], options?: { tx?: Executor }): Promise<PutResult>;
}

export interface BusPublishOptions {
  /**
   * Runs a whole flush in one transaction of the store the bus writes to, so
   * many PutEvents calls share one commit (commits, not statements, are what
   * a bus write costs). Without it, each PutEvents of ≤ 10 commits alone.
   */
  transaction?: <T>(work: (tx: Executor) => Promise<T>) => Promise<T>;
  /** How long an event waits for others to share its flush. Default 100 ms. */
  flushIntervalMs?: number;
  /** A flush starts at once when this many events wait. Default 500. */
  maxBatch?: number;
}

/** A publish whose batches can be sent now (tests, shutdown). */
export type BatchedPublish = Publish & { flush(): Promise<void> };

export const FM_EVENT_SOURCE = 'hashi.fm';
/** PutEvents takes at most 10 entries (EventBridge's limit, kept by the bus). */
const MAX_ENTRIES = 10;

interface Pending {
  entry: Entry;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Publishes gateway events (`InferenceCompleted`, `CanaryRolledBack`,
 * `CircuitStateChanged`) with source `hashi.fm`, batched: events wait up to
 * `flushIntervalMs` and then go out together, ≤ 10 per PutEvents, all in one
 * transaction when `transaction` is given. Nobody on the request path awaits
 * this. A refused entry rejects its own publish (the gateway's safe
 * publisher logs it); if the shared transaction fails, each PutEvents is
 * retried alone, so one bad batch fails only its own events. Events still
 * waiting when the process dies are lost (at most one interval's worth).
 */
export function publishToBus(sink: EventSink, options: BusPublishOptions = {}): BatchedPublish {
  const intervalMs = options.flushIntervalMs ?? 100;
  const maxBatch = options.maxBatch ?? 500;
  let pending: Pending[] = [];
  let timer: NodeJS.Timeout | undefined;
  const sending = new Set<Promise<void>>();

  const flush = async () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const all = pending;
    pending = [];
    if (all.length > 0) {
      const send = sendAll(sink, options.transaction, all);
      sending.add(send);
      void send.finally(() => sending.delete(send));
    }
    await Promise.all([...sending]);
  };

  const publish = (detailType: string, detail: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      pending.push({ entry: { Source: FM_EVENT_SOURCE, DetailType: detailType, Detail: detail }, resolve, reject });
      if (pending.length >= maxBatch) void flush();
      else if (!timer) {
        timer = setTimeout(() => void flush(), intervalMs);
        timer.unref();
      }
    });
  return Object.assign(publish, { flush });
}

async function sendAll(sink: EventSink, transaction: BusPublishOptions['transaction'], all: Pending[]): Promise<void> {
  const batches: Pending[][] = [];
  for (let i = 0; i < all.length; i += MAX_ENTRIES) batches.push(all.slice(i, i + MAX_ENTRIES));
  if (transaction) {
    try {
      const results = await transaction(async (tx) => {
        const out: PutResult[] = [];
        for (const batch of batches) out.push(await sink.putEvents(batch.map((p) => p.entry), { tx }));
        return out;
      });
      batches.forEach((batch, i) => settle(batch, results[i]!));
      return;
    } catch {
      // Fall through: each batch alone, so one that cannot be written fails only its own events.
    }
  }
  await Promise.all(
    batches.map(async (batch) => {
      try {
        settle(batch, await sink.putEvents(batch.map((p) => p.entry)));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }),
  );
}

function settle(batch: Pending[], result: PutResult): void {
  batch.forEach((p, i) => {
    const outcome = result.Entries[i];
    if (result.FailedEntryCount > 0 && outcome?.ErrorCode) p.reject(refused(p.entry.DetailType, outcome));
    else p.resolve();
  });
}

function refused(detailType: string, outcome: { ErrorCode?: string; ErrorMessage?: string }): HashiError {
  return new HashiError('FM_PUBLISH_FAILED', `${detailType} was not published: ${outcome.ErrorCode} ${outcome.ErrorMessage ?? ''}`.trim(), {
    status: 500,
    details: { detailType, errorCode: outcome.ErrorCode },
  });
}
