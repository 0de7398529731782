/** The bus functions MangaAssist registers; rules target them as `function:<name>`. */
export const FUNCTIONS = {
  orderConfirmation: 'manga-order-confirmation',
  reviewModeration: 'manga-review-moderation',
  moderationAction: 'manga-moderation-action',
  catalogUpdate: 'manga-catalog-update',
  inferenceAnalytics: 'manga-inference-analytics',
  recommendationsRefresh: 'manga-recommendations-refresh',
} as const;
