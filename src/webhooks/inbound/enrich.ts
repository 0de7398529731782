import { describeError } from '../../kernel/index.ts';
import type { DeliveryContext, Enricher } from '../types.ts';

export type EnrichmentOutcome =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; reason: 'timeout' | 'error'; message: string };

/**
 * Runs an enricher under a strict budget: at `budgetMs` its signal aborts and
 * the outcome is a timeout, whether or not the enricher honours the signal.
 * A parent signal (the request deadline, a disconnect) aborts it too.
 */
export async function runEnrichment(enricher: Enricher, ctx: DeliveryContext, budgetMs: number, parent?: AbortSignal): Promise<EnrichmentOutcome> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener('abort', onParentAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<EnrichmentOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error('enrichment budget exhausted'));
      resolve({ ok: false, reason: 'timeout', message: `enrichment did not finish within ${budgetMs} ms` });
    }, budgetMs);
  });
  const work = (async (): Promise<EnrichmentOutcome> => {
    try {
      const value = await enricher({ ...ctx, signal: controller.signal });
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'error', message: 'enricher must return an object' };
      return { ok: true, value };
    } catch (err) {
      return { ok: false, reason: 'error', message: `enrichment failed: ${describeError(err).message}` };
    }
  })();
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    parent?.removeEventListener('abort', onParentAbort);
  }
}
