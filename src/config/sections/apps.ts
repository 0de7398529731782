/**
 * Sections owned by higher capabilities. Their detailed schemas live here
 * (config is the one place that validates), kept loose until each capability
 * tightens its own.
 */
const looseSection = (description: string) =>
  ({ type: 'object', default: {}, description, additionalProperties: true }) as const;

export const sourceSchema = {
  type: 'object',
  required: ['scheme', 'secrets'],
  additionalProperties: true,
  properties: {
    scheme: { enum: ['stripe', 'standard-webhooks', 'github', 'shopify', 'slack', 'hmac'], description: 'Signature scheme.' },
    secrets: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Active secrets (several during rotation).' },
    tolerance: { type: 'integer', minimum: 1, default: 300, description: 'Timestamp tolerance in seconds.' },
  },
} as const;

export const sourcesSchema = {
  type: 'object',
  default: {},
  description: 'Inbound webhook sources, by name (POST /webhooks/:name).',
  additionalProperties: sourceSchema,
} as const;

export { eventsSchema } from './events.ts';
export const subscriptionsSchema = { type: 'array', default: [], description: 'Outbound webhook subscriptions.', items: { type: 'object' } } as const;
export const fmSchema = looseSection('Foundation models: providers, catalog, routing, cache, resilience, budgets.');
export const supportSchema = looseSection('Support Desk application.');
export const mangaSchema = looseSection('MangaAssist application.');
export const searchSchema = looseSection('Knowledge-base search.');
