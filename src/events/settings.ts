import type { EventsSettings } from './types.ts';

export const DEFAULT_EVENTS_SETTINGS: EventsSettings = {
  account: '000000000000',
  region: 'local',
  buses: [],
  maxChainDepth: 3,
  retentionDays: 7,
  rulesRefreshMs: 1000,
  rules: [],
  archives: [],
  schemas: [],
  scheduler: { enabled: true, intervalMs: 5000 },
  purgeIntervalMs: 3_600_000,
};

/**
 * The bus settings from the validated `events:` config section (which has
 * every default filled in), or from a partial object in tests.
 */
export function eventsSettings(section: unknown = {}): EventsSettings {
  const s = (section ?? {}) as Partial<EventsSettings>;
  return {
    ...DEFAULT_EVENTS_SETTINGS,
    ...s,
    scheduler: { ...DEFAULT_EVENTS_SETTINGS.scheduler, ...(s.scheduler ?? {}) },
  };
}
