import type { StopReason, StreamEvent, Usage } from '../types.ts';

/** A stored answer. `chunks` keeps the original delta boundaries so a replay streams like the original. */
export interface CachedAnswer {
  v: 1;
  chunks: string[];
  usage: Usage;
  stopReason: StopReason;
  model: string;
  storedAt: number;
}

/** Only answers that ended on their own are reusable; a max_tokens cut or a filter stop is not. */
export const CACHEABLE_STOP_REASONS: readonly StopReason[] = ['end_turn', 'stop_sequence'];

export function isCacheable(stopReason: StopReason): boolean {
  return CACHEABLE_STOP_REASONS.includes(stopReason);
}

/** Collects a stream's deltas; yields a CachedAnswer only if the stream completed cacheably. */
export class AnswerRecorder {
  private readonly chunks: string[] = [];
  private answer: CachedAnswer | undefined;

  constructor(private readonly now: () => number) {}

  record(event: StreamEvent): void {
    if (event.type === 'delta') {
      this.chunks.push(event.text);
      return;
    }
    if (!isCacheable(event.stopReason)) return;
    this.answer = {
      v: 1,
      chunks: [...this.chunks],
      usage: { ...event.usage },
      stopReason: event.stopReason,
      model: event.model,
      storedAt: this.now(),
    };
  }

  result(): CachedAnswer | undefined {
    return this.answer;
  }
}

export function replayEvents(answer: CachedAnswer): StreamEvent[] {
  return [
    ...answer.chunks.map((text): StreamEvent => ({ type: 'delta', text })),
    { type: 'done', usage: { ...answer.usage }, stopReason: answer.stopReason, model: answer.model },
  ];
}

/** A stored value is trusted only if it still has the expected shape (old versions and corruption read as a miss). */
export function parseAnswer(raw: string): CachedAnswer | undefined {
  try {
    const value = JSON.parse(raw) as Partial<CachedAnswer>;
    if (
      value.v === 1 &&
      Array.isArray(value.chunks) &&
      value.chunks.every((c) => typeof c === 'string') &&
      typeof value.usage?.inputTokens === 'number' &&
      typeof value.usage.outputTokens === 'number' &&
      typeof value.stopReason === 'string' &&
      isCacheable(value.stopReason) &&
      typeof value.model === 'string'
    ) {
      return value as CachedAnswer;
    }
  } catch {
    // Not JSON: treat as a miss.
  }
  return undefined;
}
