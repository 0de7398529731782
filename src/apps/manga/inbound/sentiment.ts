import { generate, isOffline } from '../ai/generate.ts';
import { JOB_TENANT, type MangaContext } from '../context.ts';
import type { WebhookDelivery } from '../types.ts';
import { parseReview, parseSentimentWord } from './reviews.ts';

const SENTIMENT_SYSTEM = 'Analyze the sentiment of this manga product review. Reply with exactly one word: positive, negative, or neutral.';

/**
 * Inline enrichment of a review delivery (within the source's time budget):
 * the small model's one-word sentiment, or the offline lexicon when the model
 * is the offline provider or its answer is not one of the three words.
 */
export function sentimentEnricher(ctx: MangaContext) {
  return async (delivery: WebhookDelivery & { signal: AbortSignal }): Promise<Record<string, unknown>> => {
    let text: string;
    try {
      text = parseReview(delivery.payload).text;
    } catch {
      return {}; // the mapper refuses it with the reason
    }
    const lexicon = () => ({ sentiment: ctx.classifiers.sentiment(text).label, source: 'offline-lexicon' });
    if (!ctx.settings.sentimentModel) return lexicon();
    const answer = await generate(
      ctx.fm,
      { model: ctx.settings.models.fast, system: SENTIMENT_SYSTEM, messages: [{ role: 'user', content: `Review: ${text.slice(0, 1000)}` }], maxTokens: 5, temperature: 0 },
      { tenant: JOB_TENANT, signal: delivery.signal },
    );
    if (isOffline(answer)) return lexicon();
    const label = parseSentimentWord(answer.text);
    return label ? { sentiment: label, source: `model:${answer.model}` } : lexicon();
  };
}
