import type { IrRequest, IrResult, IrStreamEvent, StopReason } from '../ir/types.ts';
import { extractiveAnswer } from '../providers/offline-answer.ts';
import { countTokens, wordPieces } from '../providers/offline-text.ts';
import { OFFLINE_NO_CONTEXT, OFFLINE_NO_IMAGES, OFFLINE_NO_MATCH } from '../providers/offline.ts';
import { hasImages, passagesOf, questionOf } from './passages.ts';
import { refuseOffline } from './refuse.ts';

export const OFFLINE_NO_TOOLS = 'It cannot call the tools offered.';

/**
 * The built-in offline model on the IR (see providers/offline.ts for the
 * extractive answering it reuses): quotes supplied passages — `context`
 * and tool results — and says so plainly when it cannot. Deterministic.
 */
export function offlineComplete(ir: IrRequest, modelId: string): IrResult {
  refuseOffline(ir);
  const { text: answer, stopReason, stopSequence } = limit(compose(ir), ir);
  const text = ir.responseFormat?.type === 'json_object' ? JSON.stringify({ answer, offline: true }) : answer;
  const result: IrResult = {
    model: modelId,
    content: text === '' ? [] : [{ type: 'text', text }],
    stopReason,
    usage: { inputTokens: offlineCountTokens(ir), outputTokens: countTokens(text) },
  };
  if (stopSequence !== undefined) result.stopSequence = stopSequence;
  return result;
}

/** The same answer as a stream, word by word. */
export function offlineStream(ir: IrRequest, modelId: string): IrStreamEvent[] {
  const result = offlineComplete(ir, modelId);
  const events: IrStreamEvent[] = [{ type: 'start', model: modelId, usage: { inputTokens: result.usage.inputTokens, outputTokens: 0 } }];
  const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
  if (text !== '') {
    events.push({ type: 'text_start', index: 0 });
    for (const piece of wordPieces(text)) events.push({ type: 'text', index: 0, text: piece });
    events.push({ type: 'block_stop', index: 0 });
  }
  events.push({ type: 'stop', stopReason: result.stopReason }, { type: 'usage', usage: { ...result.usage } }, { type: 'end' });
  return events;
}

/** Input tokens as the offline model counts them (offline-text.ts): system, every text, tool call and result, and the passages. */
export function offlineCountTokens(ir: IrRequest): number {
  let n = 0;
  for (const s of ir.system ?? []) n += countTokens(s.text);
  for (const m of ir.messages) {
    for (const p of m.content) {
      if (p.type === 'text') n += countTokens(p.text);
      else if (p.type === 'tool_use') n += countTokens(`${p.name} ${JSON.stringify(p.input)}`);
      else if (p.type === 'tool_result') for (const c of p.content) if (c.type === 'text') n += countTokens(c.text);
    }
  }
  for (const c of ir.context ?? []) n += countTokens(`${c.title ?? ''} ${c.text}`);
  return n;
}

function compose(ir: IrRequest): string {
  const passages = passagesOf(ir);
  let body: string;
  if (passages.length === 0) body = ir.tools?.length ? `${OFFLINE_NO_CONTEXT} ${OFFLINE_NO_TOOLS}` : OFFLINE_NO_CONTEXT;
  else body = extractiveAnswer(questionOf(ir), passages)?.text ?? OFFLINE_NO_MATCH;
  return hasImages(ir) ? `${OFFLINE_NO_IMAGES} ${body}` : body;
}

/** Stop sequences cut the answer, then `maxTokens` (offline tokens) bounds it, as the provider always did. */
function limit(text: string, ir: IrRequest): { text: string; stopReason: StopReason; stopSequence?: string } {
  let out = text;
  let stopSequence: string | undefined;
  for (const stop of ir.stopSequences ?? []) {
    const at = stop ? out.indexOf(stop) : -1;
    if (at >= 0) {
      out = out.slice(0, at).trimEnd();
      stopSequence = stop;
    }
  }
  if (ir.maxTokens === undefined || countTokens(out) <= ir.maxTokens) {
    return stopSequence === undefined ? { text: out, stopReason: 'end_turn' } : { text: out, stopReason: 'stop_sequence', stopSequence };
  }
  let kept = '';
  for (const piece of wordPieces(out)) {
    if (countTokens(kept + piece) > ir.maxTokens) break;
    kept += piece;
  }
  return { text: kept, stopReason: 'max_tokens' };
}
