import { ValidationError, compileIpList, type IpList } from '../../kernel/index.ts';
import { assertSourceDefinition } from '../schemes/index.ts';
import type { EventMappingConfig, WebhookSourceConfig } from '../settings.ts';
import type { KeySpec } from './idempotency-key.ts';
import { isPath } from './json-path.ts';

/** A configured source, checked and compiled once at start. */
export interface ResolvedSource {
  name: string;
  def: WebhookSourceConfig;
  allow: IpList | undefined;
  keySpec: KeySpec | undefined;
  json: boolean;
  events: EventMappingConfig[] | undefined;
  enrichment: { budgetMs: number; onFailure: 'reject' | 'proceed' };
  bus: string | undefined;
}

export const DEFAULT_ENRICHMENT_BUDGET_MS = 2000;

function invalid(name: string, message: string): ValidationError {
  return new ValidationError('WEBHOOK_SOURCE_INVALID', `sources.${name}: ${message}`);
}

function checkMappings(name: string, events: readonly EventMappingConfig[]): void {
  events.forEach((m, i) => {
    if (m.detail !== undefined && !isPath(m.detail)) throw invalid(name, `events[${i}].detail must be a JSON path such as $ or $.data.object`);
    for (const path of Object.keys(m.when ?? {})) if (!isPath(path)) throw invalid(name, `events[${i}].when key ${JSON.stringify(path)} is not a JSON path`);
  });
}

/** Checks one `sources.<name>` entry beyond what the config schema can say (whsec_ secrets, CIDRs, paths). */
export function resolveSource(name: string, def: WebhookSourceConfig): ResolvedSource {
  assertSourceDefinition(def, `sources.${name}`, { allowUnknownKeys: true });
  let allow: IpList | undefined;
  if (def.allowIps !== undefined && def.allowIps.length > 0) {
    const compiled = compileIpList(def.allowIps);
    if (compiled.invalid.length > 0) throw invalid(name, `allowIps entries are not CIDRs or addresses: ${compiled.invalid.join(', ')}`);
    allow = compiled.list;
  }
  if (def.events !== undefined) checkMappings(name, def.events);
  return {
    name,
    def,
    allow,
    keySpec: def.idempotencyKey,
    json: (def.body ?? 'json') === 'json',
    events: def.events,
    enrichment: { budgetMs: def.enrichment?.budgetMs ?? DEFAULT_ENRICHMENT_BUDGET_MS, onFailure: def.enrichment?.onFailure ?? 'reject' },
    bus: def.bus,
  };
}

export function resolveSources(sources: Readonly<Record<string, WebhookSourceConfig>>): Map<string, ResolvedSource> {
  return new Map(Object.entries(sources).map(([name, def]) => [name, resolveSource(name, def)]));
}
