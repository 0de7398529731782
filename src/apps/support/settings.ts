/** The validated `support:` section of hashi.yaml (schema: src/config/sections/support.ts). */
export interface SupportSettings {
  enabled: boolean;
  tickets: {
    ttlDays: number;
    estimatedCompletionSeconds: number;
    /** A credential without a customer acts for its whole tenant (false: 403 CUSTOMER_REQUIRED). */
    tenantKeys: boolean;
  };
  workflow: {
    maxAttempts: number;
    maxAgeMs: number;
    /** '' → the FM gateway's default route. */
    model: string;
    maxTokens: number;
    passages: number;
    passageChars: number;
    timeoutMs: number;
  };
  kb: { refreshMs: number; fusion: 'minmax' | 'rrf'; embeddings: 'offline' | 'provider'; embeddingDimensions?: number };
  purgeSchedule: string;
}

export const DEFAULT_SUPPORT_SETTINGS: SupportSettings = {
  enabled: true,
  tickets: { ttlDays: 30, estimatedCompletionSeconds: 120, tenantKeys: true },
  workflow: { maxAttempts: 4, maxAgeMs: 3_600_000, model: '', maxTokens: 800, passages: 4, passageChars: 2000, timeoutMs: 60_000 },
  kb: { refreshMs: 2000, fusion: 'minmax', embeddings: 'offline' },
  purgeSchedule: 'rate(1 hour)',
};

/**
 * The config arrives validated with its defaults filled in; this types it and
 * fills any part a caller (a test) left out.
 */
export function supportSettings(raw: Record<string, unknown> = {}): SupportSettings {
  const r = raw as Partial<SupportSettings>;
  const d = DEFAULT_SUPPORT_SETTINGS;
  return {
    enabled: r.enabled ?? d.enabled,
    tickets: { ...d.tickets, ...r.tickets },
    workflow: { ...d.workflow, ...r.workflow },
    kb: { ...d.kb, ...r.kb },
    purgeSchedule: r.purgeSchedule ?? d.purgeSchedule,
  };
}
