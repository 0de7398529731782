import { defineCodes, HashiError, ValidationError } from '../../kernel/index.ts';
import type { CatalogEntry } from '../catalog/index.ts';

export const PIPELINE_CODES = defineCodes({
  FM_UNAVAILABLE: { status: 503, description: 'Every model in the route (the choice and its fallbacks) failed or had its circuit open; details list each attempt.' },
  FM_PROVIDER_NOT_CONFIGURED: { status: 503, description: 'A catalog model names a provider that is not configured or not enabled.' },
  FM_IMAGES_UNSUPPORTED: { status: 400, description: 'The request contains images and no model in its route accepts images.' },
});

export interface CandidateFailure {
  model: string;
  provider: string;
  code: string;
  message: string;
}

function describe(entry: CatalogEntry, error: unknown): CandidateFailure {
  const code = (error as { code?: unknown })?.code;
  return {
    model: entry.alias,
    provider: entry.provider,
    code: typeof code === 'string' ? code : error instanceof Error ? error.name : 'UNKNOWN',
    message: error instanceof Error ? error.message : String(error),
  };
}

export function unavailable(failures: { entry: CatalogEntry; error: unknown }[]): HashiError {
  const waits = failures
    .map((f) => (f.error instanceof HashiError ? f.error.retryAfterSeconds : undefined))
    .filter((s): s is number => s !== undefined);
  return new HashiError('FM_UNAVAILABLE', 'No model in the route could answer', {
    status: 503,
    retryAfterSeconds: waits.length ? Math.min(...waits) : undefined,
    details: { attempts: failures.map((f) => describe(f.entry, f.error)) },
    cause: failures.at(-1)?.error,
  });
}

export function providerNotConfigured(entry: CatalogEntry): HashiError {
  return new HashiError('FM_PROVIDER_NOT_CONFIGURED', `Provider "${entry.provider}" for model "${entry.alias}" is not configured`, {
    status: 503,
    details: { model: entry.alias, provider: entry.provider },
  });
}

export function imagesUnsupported(models: string[]): ValidationError {
  return new ValidationError('FM_IMAGES_UNSUPPORTED', 'No model in this route accepts images', { details: { models } });
}
