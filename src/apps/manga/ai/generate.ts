import { HashiError, PermanentError, RetryableError, describeError } from '../../../kernel/index.ts';
import type { FmContext, FmRequest, FmResult, MangaFm } from '../types.ts';

/** The offline provider reports `offline/…` model ids and only quotes passages: never a real author of text. */
export function isOffline(result: Pick<FmResult, 'providerModel'>): boolean {
  return result.providerModel.startsWith('offline/');
}

/**
 * One FM call for a background job: a refusal (a 4xx from the gateway, such
 * as an invalid request) cannot get better by retrying and becomes a
 * PermanentError; anything else (unavailable, timeout, budget) is retryable.
 */
export async function generate(fm: MangaFm, request: FmRequest, ctx: FmContext): Promise<FmResult> {
  try {
    return await fm.complete(request, ctx);
  } catch (err) {
    const { code, message } = describeError(err);
    if (err instanceof HashiError && err.status >= 400 && err.status < 500 && err.status !== 408 && err.status !== 429 && err.status !== 499) {
      throw new PermanentError(`the FM gateway refused the request (${code}): ${message}`, { code: 'MANGA_FM_REFUSED', cause: err });
    }
    const retryAfterMs = err instanceof HashiError && err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : undefined;
    throw new RetryableError(`the FM gateway could not answer (${code}): ${message}`, {
      code: 'MANGA_FM_UNAVAILABLE',
      cause: err,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
}
