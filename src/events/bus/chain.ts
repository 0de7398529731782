import type { EventEnvelope } from '../types.ts';

/** Reserved detail fields of the loop guard. */
export const CHAIN_DEPTH = '_chain_depth';
export const CAUSED_BY = '_caused_by';

/** The chain depth an event carries (0 for an event nobody caused). */
export function depthOf(event: Pick<EventEnvelope, 'detail'>): number {
  const d = event.detail[CHAIN_DEPTH];
  return typeof d === 'number' && Number.isInteger(d) && d >= 0 ? d : 0;
}

/**
 * The depth and cause of a new event. Produced while handling `causedBy`: one
 * deeper than it. Otherwise a depth the publisher wrote into the detail itself
 * is kept, so a chain survives a trip through an outside system (an HTTP target
 * that publishes back must copy and increment `_chain_depth`).
 */
export function chainFor(detail: Record<string, unknown>, causedBy: EventEnvelope | undefined): { depth: number; causedBy?: string } {
  if (causedBy) return { depth: depthOf(causedBy) + 1, causedBy: causedBy.id };
  const depth = depthOf({ detail });
  const cause = detail[CAUSED_BY];
  return typeof cause === 'string' ? { depth, causedBy: cause } : { depth };
}

/** The detail without the reserved fields: what schemas validate. */
export function userDetail(detail: Record<string, unknown>): Record<string, unknown> {
  if (!(CHAIN_DEPTH in detail) && !(CAUSED_BY in detail)) return detail;
  const { [CHAIN_DEPTH]: _d, [CAUSED_BY]: _c, ...rest } = detail;
  return rest;
}

export function withChain(detail: Record<string, unknown>, chain: { depth: number; causedBy?: string }): Record<string, unknown> {
  const out: Record<string, unknown> = { ...userDetail(detail), [CHAIN_DEPTH]: chain.depth };
  if (chain.causedBy !== undefined) out[CAUSED_BY] = chain.causedBy;
  return out;
}
