import { CHARS_PER_TOKEN } from '../cost/index.ts';
import { endedEarly } from '../providers/classify.ts';
import type { HttpProvider, RawFrame, WireAnswer } from '../providers/port.ts';
import { anthropicJsonOutcome, anthropicStreamTap, openaiJsonOutcome, openaiStreamTap, type OutcomeTap } from './taps.ts';
import { forwardable } from './forward.ts';
import { guarded } from './guarded.ts';
import { setTopLevel } from './splice.ts';
import type { AttemptTarget, Outcome, Piece } from './types.ts';

export type PassThroughDialect = 'openai-chat' | 'anthropic-messages';

export interface PassThroughCall {
  dialect: PassThroughDialect;
  /** The client's parsed body; never mutated (a shallow copy carries the changes). */
  body: Record<string, unknown>;
  /** The body's text as the client sent it: forwarded with only the members below set, when the provider takes text. */
  raw?: string;
  stream: boolean;
  betas?: string[];
  estimatedInputTokens: number;
}

/**
 * One pass-through attempt: the client's own body with only the model
 * swapped for the candidate's (and, for an OpenAI stream, the usage chunk
 * asked for — then kept from a client that did not ask for it), sent over
 * the provider's pool; the provider's bytes come back as they arrive, frame
 * by frame, while a tap reads usage and the stop reason on the side.
 * Fields Hashi does not know are forwarded untouched.
 */
export function passThrough(call: PassThroughCall, provider: HttpProvider, t: AttemptTarget): AsyncGenerator<Piece, undefined> {
  return guarded(provider.name, t.signal, attempt(call, provider, t));
}

async function* attempt(call: PassThroughCall, provider: HttpProvider, t: AttemptTarget): AsyncGenerator<Piece, undefined> {
  const set: Record<string, unknown> = { model: t.entry.modelId };
  let dropUsageChunk = false;
  if (call.stream && call.dialect === 'openai-chat') {
    const options = (call.body.stream_options ?? {}) as Record<string, unknown>;
    if (options.include_usage !== true) {
      set.stream_options = { ...options, include_usage: true };
      dropUsageChunk = true;
    }
  }
  const wire = { modelId: t.entry.modelId, stream: call.stream, signal: t.signal, ...(call.betas ? { betas: call.betas } : {}) };
  // The client's own bytes when the provider takes text; its parsed body, re-serialised, when not (or the text declines the edit).
  const text = call.raw !== undefined && provider.chatText ? setTopLevel(call.raw, set) : undefined;
  const started = t.now();
  let answer: WireAnswer;
  try {
    answer = text !== undefined ? await provider.chatText!(text, wire) : await provider.chat({ ...call.body, ...set }, wire);
  } catch (err) {
    throw forwardable(err, provider);
  } finally {
    t.meter.providerWaitMs += t.now() - started;
  }
  if (answer.kind === 'json') {
    const read = call.dialect === 'openai-chat' ? openaiJsonOutcome : anthropicJsonOutcome;
    const { outcome, chars } = read(answer.text, t.entry.modelId);
    yield { type: 'data', data: answer.text, chars };
    yield { type: 'done', outcome: settled(outcome, call, chars) };
    return undefined;
  }
  const tap: OutcomeTap = call.dialect === 'openai-chat' ? openaiStreamTap({ dropUsageChunk }) : anthropicStreamTap();
  const batches = answer.batches;
  let total = 0;
  let pieces = 0;
  try {
    for (;;) {
      const waited = t.now();
      let next: IteratorResult<RawFrame[], undefined>;
      try {
        next = await batches.next();
      } finally {
        t.meter.providerWaitMs += t.now() - waited;
      }
      if (next.done) break;
      let out = '';
      try {
        for (const frame of next.value) if (tap.read(frame)) out += frame.raw ?? `data: ${frame.data}\n\n`;
      } catch (err) {
        // A client already reading gets what the provider sent before its in-stream error, then the error.
        if (pieces > 0 && out !== '') yield { type: 'data', data: out, chars: tap.takeChars() };
        throw err;
      }
      const chars = tap.takeChars();
      total += chars;
      if (out !== '') {
        pieces += 1;
        yield { type: 'data', data: out, chars };
      }
    }
  } finally {
    // A consumer that stops early (cancel, error) closes the upstream body.
    void batches.return?.(undefined)?.catch(() => undefined);
  }
  if (!tap.complete) throw endedEarly(provider.name, pieces, call.dialect === 'openai-chat' ? 'a finish reason' : 'message_stop');
  yield { type: 'done', outcome: settled(tap.outcome(t.entry.modelId), call, total) };
  return undefined;
}

/** A provider that reported no usage is billed on the gateway's estimate, marked as such. */
function settled(outcome: Outcome, call: PassThroughCall, chars: number): Outcome {
  if (!outcome.estimated) return outcome;
  return { ...outcome, usage: { inputTokens: call.estimatedInputTokens, outputTokens: Math.ceil(chars / CHARS_PER_TOKEN) } };
}
