import { ValidationError } from '../../../kernel/index.ts';
import type { BusEntry } from '../types.ts';

export const REVIEWS_SOURCE = 'mangaassist.reviews';
export const MAX_REVIEW_CHARS = 5000;

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface ReviewPayload {
  review_id: string;
  product_id: string;
  text: string;
  rating?: number;
  customer_id?: string;
  language?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** A review delivery needs an id, a product id and text; a rating is 1–5 when present. */
export function parseReview(payload: unknown): ReviewPayload {
  const p = isRecord(payload) ? payload : {};
  const missing = (['review_id', 'product_id', 'text'] as const).filter((f) => str(p[f]) === undefined);
  if (missing.length > 0) throw new ValidationError('MANGA_WEBHOOK_INVALID', `review delivery without ${missing.join(', ')}`, { status: 422 });
  const text = str(p.text)!;
  if (text.length > MAX_REVIEW_CHARS) throw new ValidationError('MANGA_WEBHOOK_INVALID', `review text is longer than ${MAX_REVIEW_CHARS} characters`, { status: 422 });
  const rating = p.rating;
  if (rating !== undefined && !(Number.isInteger(rating) && (rating as number) >= 1 && (rating as number) <= 5)) {
    throw new ValidationError('MANGA_WEBHOOK_INVALID', 'review rating must be an integer from 1 to 5', { status: 422 });
  }
  return {
    review_id: str(p.review_id)!,
    product_id: str(p.product_id)!,
    text,
    ...(rating !== undefined ? { rating: rating as number } : {}),
    ...(str(p.customer_id) ? { customer_id: str(p.customer_id)! } : {}),
    ...(str(p.language) ? { language: str(p.language)! } : {}),
  };
}

/** A one-word model answer → a label; anything else → undefined (the caller falls back). */
export function parseSentimentWord(answer: string): SentimentLabel | undefined {
  const word = answer.trim().toLowerCase().replace(/[^a-z]/g, ' ').trim().split(/\s+/)[0];
  return word === 'positive' || word === 'negative' || word === 'neutral' ? word : undefined;
}

/**
 * One `ReviewSubmitted` event (source `mangaassist.reviews`) with the
 * sentiment label from the inline enrichment, or — when enrichment failed or
 * was skipped — from `fallback` (the offline lexicon), labelled as such.
 */
export function mapReview(payload: unknown, enrichment: Record<string, unknown> | undefined, fallback: (text: string) => SentimentLabel): BusEntry[] {
  const review = parseReview(payload);
  const enriched = typeof enrichment?.sentiment === 'string' ? (enrichment.sentiment as SentimentLabel) : undefined;
  return [
    {
      Source: REVIEWS_SOURCE,
      DetailType: 'ReviewSubmitted',
      Detail: {
        review_id: review.review_id,
        product_id: review.product_id,
        review_text: review.text,
        ...(review.rating !== undefined ? { rating: review.rating } : {}),
        ...(review.customer_id !== undefined ? { customer_id: review.customer_id } : {}),
        ...(review.language !== undefined ? { language: review.language } : {}),
        ai_sentiment: enriched ?? fallback(review.text),
        sentiment_source: enriched !== undefined ? String(enrichment?.source ?? 'model') : 'offline-lexicon',
        processing_stage: 'raw',
      },
    },
  ];
}
