import { defineCodes } from '../kernel/index.ts';
import { CATALOG_CODES } from './catalog/index.ts';
import { COST_CODES } from './cost/index.ts';
import { DIALECT_CODES } from './dialects/index.ts';
import { PIPELINE_CODES } from './pipeline/index.ts';
import { PROVIDER_CODES } from './providers/index.ts';
import { RESILIENCE_CODES } from './resilience/index.ts';
import { ROUTING_CODES } from './routing/index.ts';

/** Codes of the gateway itself (its parts declare their own). */
export const GATEWAY_CODES = defineCodes({
  FM_PUBLISH_FAILED: { status: 500, description: 'The event bus refused a gateway event (logged only; the FM call itself succeeds).' },
});

/** Every code the fm capability throws, gathered from its parts. */
export const FM_CODES = Object.freeze({
  ...GATEWAY_CODES,
  ...CATALOG_CODES,
  ...COST_CODES,
  ...DIALECT_CODES,
  ...PIPELINE_CODES,
  ...PROVIDER_CODES,
  ...RESILIENCE_CODES,
  ...ROUTING_CODES,
});
