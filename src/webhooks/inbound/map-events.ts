import { HashiError, describeError } from '../../kernel/index.ts';
import type { DeliveryContext, ItemizedMapping, Mapper, PutEventsEntry } from '../types.ts';
import { checkMapped, mapByDefault, mapDeclaratively } from './mapping.ts';

/** A delivery's events: a list (published all or nothing) or items (published item by item). */
export type Mapped = PutEventsEntry[] | ItemizedMapping;

export const isItemized = (m: Mapped): m is ItemizedMapping => !Array.isArray(m);
import type { ResolvedSource } from './sources.ts';

/** A registered mapper wins, then the source's `events` mapping, then the default (one event, the whole payload). */
export async function mapEvents(source: ResolvedSource, ctx: DeliveryContext, mapper: Mapper | undefined, enrichment: Record<string, unknown> | undefined): Promise<Mapped> {
  const input = { ...ctx, scheme: source.def.scheme, ...(enrichment !== undefined ? { enrichment } : {}) };
  if (!mapper) return source.events !== undefined ? mapDeclaratively(input, source.events, source.bus) : mapByDefault(input, source.bus);
  let entries: unknown;
  try {
    entries = await mapper(input);
  } catch (err) {
    throw new HashiError('WEBHOOK_MAPPING_FAILED', `the mapper of source ${source.name} failed: ${describeError(err).message}`, { status: 422, cause: err });
  }
  const problem = checkMapped(entries);
  if (problem !== undefined) throw new HashiError('WEBHOOK_MAPPING_FAILED', `the mapper of source ${source.name} returned bad events: ${problem}`, { status: 422 });
  const mapped = entries as Mapped;
  const bus = source.bus;
  if (bus === undefined) return mapped;
  const onBus = (e: PutEventsEntry): PutEventsEntry => (e.EventBusName === undefined ? { ...e, EventBusName: bus } : e);
  if (!isItemized(mapped)) return mapped.map(onBus);
  return { ...mapped, items: mapped.items.map((i) => ('entry' in i ? { ...i, entry: onBus(i.entry) } : i)) };
}
