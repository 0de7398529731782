import { HashiError, describeError } from '../../kernel/index.ts';
import type { DeliveryContext, Mapper, PutEventsEntry } from '../types.ts';
import { checkEntries, mapByDefault, mapDeclaratively } from './mapping.ts';
import type { ResolvedSource } from './sources.ts';

/** A registered mapper wins, then the source's `events` mapping, then the default (one event, the whole payload). */
export async function mapEvents(source: ResolvedSource, ctx: DeliveryContext, mapper: Mapper | undefined, enrichment: Record<string, unknown> | undefined): Promise<PutEventsEntry[]> {
  const input = { ...ctx, scheme: source.def.scheme, ...(enrichment !== undefined ? { enrichment } : {}) };
  if (!mapper) return source.events !== undefined ? mapDeclaratively(input, source.events, source.bus) : mapByDefault(input, source.bus);
  let entries: unknown;
  try {
    entries = await mapper(input);
  } catch (err) {
    throw new HashiError('WEBHOOK_MAPPING_FAILED', `the mapper of source ${source.name} failed: ${describeError(err).message}`, { status: 422, cause: err });
  }
  const problem = checkEntries(entries);
  if (problem !== undefined) throw new HashiError('WEBHOOK_MAPPING_FAILED', `the mapper of source ${source.name} returned bad events: ${problem}`, { status: 422 });
  const list = entries as PutEventsEntry[];
  return source.bus === undefined ? list : list.map((e) => (e.EventBusName === undefined ? { ...e, EventBusName: source.bus } : e));
}
