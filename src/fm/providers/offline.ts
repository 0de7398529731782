import type { CompletionRequest, CompletionResult, Provider, StopReason, StreamEvent } from '../types.ts';
import { fromAbort } from './classify.ts';
import { extractiveAnswer } from './offline-answer.ts';
import { OFFLINE_EMBED_MODEL, offlineEmbed } from './offline-embed.ts';
import { countTokens, wordPieces } from './offline-text.ts';
import { partsOf } from './prompt.ts';

export const OFFLINE_CHAT_MODEL = 'offline/extractive';
export { OFFLINE_EMBED_MODEL };

export const OFFLINE_NO_CONTEXT =
  "I am Hashi's offline model (offline/extractive), not a language model: I can only quote passages supplied as context, and this request had none.";
export const OFFLINE_NO_MATCH = 'None of the supplied passages answers this question.';
export const OFFLINE_NO_IMAGES = 'I am an offline model and cannot see images.';

/**
 * The default provider, so Hashi runs with no account. It never pretends to
 * be an LLM: it answers extractively from `req.context` (see
 * offline-answer.ts), says so plainly when it cannot, and always reports the
 * model id `offline/extractive`. Deterministic: equal requests, equal answers.
 */
export function createOfflineProvider(options: { name?: string } = {}): Provider {
  const name = options.name ?? 'offline';

  const answer = (req: CompletionRequest): CompletionResult => {
    if (req.signal?.aborted) throw fromAbort(name, req.signal);
    const { text, stopReason } = limit(compose(req), req);
    return { text, usage: { inputTokens: inputTokens(req), outputTokens: countTokens(text) }, stopReason, model: OFFLINE_CHAT_MODEL };
  };

  return {
    name,
    supportsImages: false,
    async complete(req: CompletionRequest): Promise<CompletionResult> {
      return answer(req);
    },
    async *stream(req: CompletionRequest): AsyncGenerator<StreamEvent> {
      const result = answer(req);
      for (const piece of wordPieces(result.text)) {
        if (req.signal?.aborted) throw fromAbort(name, req.signal);
        yield { type: 'delta', text: piece };
      }
      yield { type: 'done', usage: result.usage, stopReason: result.stopReason, model: result.model };
    },
    async embed(texts: string[], signal?: AbortSignal): Promise<number[][]> {
      if (signal?.aborted) throw fromAbort(name, signal);
      return texts.map(offlineEmbed);
    },
  };
}

function compose(req: CompletionRequest): string {
  const lastUser = [...req.messages].reverse().find((m) => m.role === 'user');
  const parts = lastUser ? partsOf(lastUser) : [];
  const question = parts.map((p) => (p.type === 'text' ? p.text : '')).join(' ');
  const hasImages = req.messages.some((m) => partsOf(m).some((p) => p.type === 'image'));
  const context = req.context ?? [];
  const body = context.length === 0 ? OFFLINE_NO_CONTEXT : (extractiveAnswer(question, context)?.text ?? OFFLINE_NO_MATCH);
  return hasImages ? `${OFFLINE_NO_IMAGES} ${body}` : body;
}

/** Applies stop sequences, then `maxTokens` (in offline tokens, see countTokens). */
function limit(text: string, req: CompletionRequest): { text: string; stopReason: StopReason } {
  let out = text;
  let stopReason: StopReason = 'end_turn';
  for (const stop of req.stopSequences ?? []) {
    const at = stop ? out.indexOf(stop) : -1;
    if (at >= 0) {
      out = out.slice(0, at).trimEnd();
      stopReason = 'stop_sequence';
    }
  }
  const pieces = wordPieces(out);
  if (countTokens(out) > req.maxTokens) {
    let kept = '';
    for (const piece of pieces) {
      if (countTokens(kept + piece) > req.maxTokens) break;
      kept += piece;
    }
    return { text: kept, stopReason: 'max_tokens' };
  }
  return { text: out, stopReason };
}

function inputTokens(req: CompletionRequest): number {
  let n = countTokens(req.system ?? '');
  for (const m of req.messages) for (const p of partsOf(m)) if (p.type === 'text') n += countTokens(p.text);
  for (const c of req.context ?? []) n += countTokens(`${c.title ?? ''} ${c.text}`);
  return n;
}
