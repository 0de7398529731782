import { generate, isOffline } from '../ai/generate.ts';
import { JOB_TENANT, type MangaContext } from '../context.ts';
import { MODERATION_SYSTEM, NEEDS_HUMAN_REVIEW, moderationPrompt, parseVerdict, type Verdict } from './verdict.ts';

export interface Judgement {
  verdict: Verdict;
  /** `model:<alias>`, `offline-rules`, or `model:<alias>:unparseable`. */
  source: string;
  modelId: string;
  attempts: number;
}

/**
 * Asks the small model for a JSON verdict. An answer that is not the expected
 * JSON is asked for once more (bypassing the response cache, which would only
 * repeat it) and then becomes NEEDS_HUMAN_REVIEW — never "safe". The offline
 * provider cannot judge, so its answer is replaced by the deterministic
 * `moderate()` rules, labelled `offline-rules`.
 */
export async function judgeReview(ctx: MangaContext, text: string, signal: AbortSignal): Promise<Judgement> {
  const attempts = 1 + ctx.settings.moderation.parseRetries;
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const answer = await generate(
      ctx.fm,
      { model: ctx.settings.models.fast, system: MODERATION_SYSTEM, messages: [{ role: 'user', content: moderationPrompt(text) }], maxTokens: 200, temperature: 0 },
      { tenant: JOB_TENANT, signal, ...(attempt > 1 ? { skipCache: true } : {}) },
    );
    if (isOffline(answer)) return { verdict: ctx.classifiers.moderate(text), source: 'offline-rules', modelId: answer.providerModel, attempts: attempt };
    const verdict = parseVerdict(answer.text);
    if (verdict) return { verdict, source: `model:${answer.model}`, modelId: answer.providerModel, attempts: attempt };
    last = answer.model;
    ctx.logger.warn({ attempt, model: answer.model }, 'moderation verdict was not the expected JSON');
  }
  return { verdict: NEEDS_HUMAN_REVIEW, source: `model:${last}:unparseable`, modelId: last, attempts };
}
