import { HashiError, describeError, textProblem } from '../../kernel/index.ts';
import type { DeliveryContext, ItemizedMapping, Mapper, PutEventsEntry } from '../types.ts';
import { checkMapped, mapByDefault, mapDeclaratively } from './mapping.ts';

/** A delivery's events: a list (published all or nothing) or items (published item by item). */
export type Mapped = PutEventsEntry[] | ItemizedMapping;

export const isItemized = (m: Mapped): m is ItemizedMapping => !Array.isArray(m);
import type { ResolvedSource } from './sources.ts';

/**
 * An authentic delivery whose events would carry U+0000 or a lone surrogate in
 * a text field (a Stripe `type` copied into DetailType, say) is refused as
 * unmappable (422) rather than published all-or-nothing into a refusal that a
 * retry cannot change. (Itemized deliveries need nothing: the bus refuses such
 * an item alone, as `failed`.)
 */
function checkText(source: ResolvedSource, mapped: Mapped): Mapped {
  if (isItemized(mapped)) return mapped;
  for (const e of mapped) {
    for (const [field, value] of [['Source', e.Source], ['DetailType', e.DetailType], ['EventBusName', e.EventBusName], ...(e.Resources ?? []).map((r) => ['Resources', r])] as const) {
      const problem = typeof value === 'string' ? textProblem(value) : undefined;
      if (problem !== undefined) throw new HashiError('WEBHOOK_MAPPING_FAILED', `source ${source.name}: the event's ${field} ${problem} (taken from the delivery?); it cannot be published`, { status: 422 });
    }
  }
  return mapped;
}

/** A registered mapper wins, then the source's `events` mapping, then the default (one event, the whole payload). */
export async function mapEvents(source: ResolvedSource, ctx: DeliveryContext, mapper: Mapper | undefined, enrichment: Record<string, unknown> | undefined): Promise<Mapped> {
  return checkText(source, await mapOnce(source, ctx, mapper, enrichment));
}

async function mapOnce(source: ResolvedSource, ctx: DeliveryContext, mapper: Mapper | undefined, enrichment: Record<string, unknown> | undefined): Promise<Mapped> {
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
