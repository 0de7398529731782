import { headerValue } from '../schemes/index.ts';
import type { SchemeName } from '../schemes/index.ts';
import type { EventMappingConfig } from '../settings.ts';
import type { DeliveryContext, PutEventsEntry } from '../types.ts';
import { isPath, readPath } from './json-path.ts';

/** What a declarative or default mapping works from. */
export interface MappingInput extends DeliveryContext {
  scheme: SchemeName;
  enrichment?: Record<string, unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function asDetail(value: unknown, enrichment: Record<string, unknown> | undefined): Record<string, unknown> {
  const detail = isRecord(value) ? { ...value } : { value };
  return enrichment === undefined ? detail : { ...detail, enrichment };
}

function stringAt(payload: unknown, path: string): string | undefined {
  const v = readPath(payload, path);
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The provider's own name for what happened, where the scheme carries one. */
function defaultDetailType(input: MappingInput): string {
  const { payload, headers } = input;
  const fromScheme: Record<SchemeName, () => string | undefined> = {
    stripe: () => stringAt(payload, '$.type'),
    'standard-webhooks': () => stringAt(payload, '$.type'),
    github: () => headerValue(headers, 'x-github-event'),
    shopify: () => headerValue(headers, 'x-shopify-topic'),
    slack: () => stringAt(payload, '$.event.type') ?? stringAt(payload, '$.type'),
    hmac: () => stringAt(payload, '$.type'),
  };
  return fromScheme[input.scheme]() ?? 'webhook';
}

function matches(payload: unknown, when: Record<string, unknown[]> | undefined): boolean {
  if (when === undefined) return true;
  return Object.entries(when).every(([path, allowed]) => allowed.some((a) => readPath(payload, path) === a));
}

/** `sources.<name>.events`: one entry per mapping whose `when` holds. */
export function mapDeclaratively(input: MappingInput, mappings: readonly EventMappingConfig[], defaultBus: string | undefined): PutEventsEntry[] {
  const entries: PutEventsEntry[] = [];
  for (const m of mappings) {
    if (!matches(input.payload, m.when)) continue;
    const detailType = isPath(m.detailType) ? stringAt(input.payload, m.detailType) ?? 'webhook' : m.detailType;
    const entry: PutEventsEntry = {
      Source: m.source ?? `webhooks.${input.source}`,
      DetailType: detailType,
      Detail: asDetail(readPath(input.payload, m.detail ?? '$'), input.enrichment),
    };
    const bus = m.bus ?? defaultBus;
    if (bus !== undefined) entry.EventBusName = bus;
    entries.push(entry);
  }
  return entries;
}

/** No mapper and no mapping configured: one event, the payload as its detail. */
export function mapByDefault(input: MappingInput, defaultBus: string | undefined): PutEventsEntry[] {
  const entry: PutEventsEntry = {
    Source: `webhooks.${input.source}`,
    DetailType: defaultDetailType(input),
    Detail: asDetail(typeof input.payload === 'string' ? { body: input.payload } : input.payload, input.enrichment),
  };
  if (defaultBus !== undefined) entry.EventBusName = defaultBus;
  return [entry];
}

function checkEntry(e: unknown, what: string): string | undefined {
  if (!isRecord(e)) return `${what} is not an object`;
  if (typeof e.Source !== 'string' || e.Source === '') return `${what} has no Source`;
  if (typeof e.DetailType !== 'string' || e.DetailType === '') return `${what} has no DetailType`;
  if (typeof e.Detail !== 'string' && !isRecord(e.Detail)) return `${what} has no Detail object`;
  return undefined;
}

/** Checks what a registered mapper returned (a list of events, or `{ items }`); a message for the first problem, or undefined. */
export function checkMapped(mapped: unknown): string | undefined {
  if (isRecord(mapped) && Array.isArray(mapped.items)) {
    if (mapped.onAccepted !== undefined && typeof mapped.onAccepted !== 'function') return 'onAccepted must be a function';
    for (const [i, item] of mapped.items.entries()) {
      if (!isRecord(item) || typeof item.ref !== 'string') return `item ${i} is not an object with a string ref`;
      if (typeof item.rejected === 'string') continue;
      const problem = checkEntry(item.entry, `the event of item ${i}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (!Array.isArray(mapped)) return 'a mapper must return an array of events or { items }';
  for (const [i, e] of mapped.entries()) {
    const problem = checkEntry(e, `event ${i}`);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
