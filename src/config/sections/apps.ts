/**
 * Sections owned by higher capabilities. Their detailed schemas live here
 * (config is the one place that validates), kept loose until each capability
 * tightens its own.
 */
const looseSection = (description: string) =>
  ({ type: 'object', default: {}, description, additionalProperties: true }) as const;

// Webhook sections (sources, subscriptions, webhooks) are owned by src/webhooks.
export { sourceSchema, sourcesSchema, subscriptionsSchema, webhooksSchema } from './webhooks.ts';

export { eventsSchema } from './events.ts';
export { fmSchema } from './fm.ts';
export { supportSchema } from './support.ts';
export { mangaSchema } from './manga.ts';
export const searchSchema = looseSection('Knowledge-base search.');
