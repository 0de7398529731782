import type { FakeBehaviour, FakeStopReason, RecordedRequest } from './types.ts';

/** What one response will contain, before it is written in a dialect. */
export interface ReplyPlan {
  tokens: string[];
  text: string;
  stop: FakeStopReason;
  rawStop: string | undefined;
  inputTokens: number;
  outputTokens: number;
  model: string;
}

/** Words with their leading whitespace, so the deltas join back into the reply. */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

export function planReply(
  behaviour: FakeBehaviour,
  req: RecordedRequest,
  bodyBytes: number,
  maxTokens: number | undefined,
): ReplyPlan {
  const full = typeof behaviour.reply === 'function' ? behaviour.reply(req) : behaviour.reply;
  let tokens = splitTokens(full);
  let stop: FakeStopReason = behaviour.stopReason ?? 'end_turn';
  if (maxTokens !== undefined && maxTokens >= 0 && tokens.length > maxTokens) {
    tokens = tokens.slice(0, maxTokens);
    stop = behaviour.stopReason ?? 'max_tokens';
  }
  return {
    tokens,
    text: tokens.join(''),
    stop,
    rawStop: behaviour.rawStopReason,
    inputTokens: behaviour.usage?.inputTokens ?? Math.max(1, Math.ceil(bodyBytes / 4)),
    outputTokens: behaviour.usage?.outputTokens ?? tokens.length,
    model: behaviour.model ?? req.modelId ?? 'fake-model',
  };
}

/** A deterministic unit vector for a text (FNV-1a seeded xorshift), so equal texts embed equally. */
export function fakeVector(text: string, dims: number): number[] {
  let seed = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    seed ^= text.charCodeAt(i);
    seed = Math.imul(seed, 0x01000193) >>> 0;
  }
  const out = new Array<number>(dims);
  let norm = 0;
  for (let i = 0; i < dims; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    const v = seed / 0xffffffff - 0.5;
    out[i] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return out.map((v) => v * scale);
}
