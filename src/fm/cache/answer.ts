import type { Outcome, Piece } from '../exchange/types.ts';
import type { StopReason } from '../ir/types.ts';

/** A stored answer. `pieces` keeps the original boundaries so a replay streams like the original. */
export interface CachedAnswer {
  v: 2;
  pieces: { data: string; chars: number }[];
  outcome: Outcome;
  storedAt: number;
}

/**
 * Only answers that ended on their own are reusable (a tool call is such an
 * ending: the same request gets the same call); a max_tokens cut, a filter
 * stop or an estimated usage is not.
 */
export const CACHEABLE_STOP_REASONS: readonly StopReason[] = ['end_turn', 'stop_sequence', 'tool_use'];

export function isCacheable(outcome: Outcome): boolean {
  return CACHEABLE_STOP_REASONS.includes(outcome.stopReason) && !outcome.estimated;
}

/** Collects a stream's pieces; yields a CachedAnswer only if the stream completed cacheably. */
export class AnswerRecorder {
  private readonly pieces: { data: string; chars: number }[] = [];
  private answer: CachedAnswer | undefined;

  constructor(private readonly now: () => number) {}

  record(event: Piece): void {
    if (event.type === 'data') {
      this.pieces.push({ data: event.data, chars: event.chars });
      return;
    }
    if (!isCacheable(event.outcome)) return;
    this.answer = { v: 2, pieces: [...this.pieces], outcome: structuredClone(event.outcome), storedAt: this.now() };
  }

  result(): CachedAnswer | undefined {
    return this.answer;
  }
}

export function replayEvents(answer: CachedAnswer): Piece[] {
  return [
    ...answer.pieces.map((p): Piece => ({ type: 'data', data: p.data, chars: p.chars })),
    { type: 'done', outcome: structuredClone(answer.outcome) },
  ];
}

/** A stored value is trusted only if it still has the expected shape (old versions and corruption read as a miss). */
export function parseAnswer(raw: string): CachedAnswer | undefined {
  try {
    const value = JSON.parse(raw) as Partial<CachedAnswer>;
    const o = value.outcome;
    if (
      value.v === 2 &&
      Array.isArray(value.pieces) &&
      value.pieces.every((p) => typeof p?.data === 'string' && typeof p.chars === 'number') &&
      o !== undefined &&
      typeof o.usage?.inputTokens === 'number' &&
      typeof o.usage.outputTokens === 'number' &&
      typeof o.stopReason === 'string' &&
      typeof o.model === 'string' &&
      isCacheable(o)
    ) {
      return value as CachedAnswer;
    }
  } catch {
    // Not JSON: treat as a miss.
  }
  return undefined;
}
