import type { TargetInfo } from '../dialects/types.ts';
import type { IrRequest, IrResult, IrStreamEvent } from '../ir/types.ts';
import type { ChatMessage, CompletionRequest, ContentPart } from '../types.ts';
import { fromAbort } from './classify.ts';
import { createOfflineProvider } from './offline.ts';
import type { LocalProvider } from './port.ts';

/** The offline model behind the local-provider port (IR in, IR out). */
export function createOfflineLocalProvider(options: { name?: string; supportsImages?: boolean } = {}): LocalProvider {
  const name = options.name ?? 'offline';
  const legacy = createOfflineProvider({ name });
  const legacyRequest = (ir: IrRequest, target: TargetInfo, signal: AbortSignal): CompletionRequest => {
    const req: CompletionRequest = { model: target.modelId, messages: ir.messages.map(messageOf), maxTokens: ir.maxTokens ?? target.maxTokens, signal };
    if (ir.system?.length) req.system = ir.system.map((b) => b.text).join('\n\n');
    if (ir.stopSequences?.length) req.stopSequences = ir.stopSequences;
    if (ir.context?.length) req.context = ir.context;
    return req;
  };
  return {
    kind: 'local',
    name,
    type: 'offline',
    supportsImages: options.supportsImages ?? true,
    async complete(ir, target, signal): Promise<IrResult> {
      const r = await legacy.complete(legacyRequest(ir, target, signal));
      return { model: r.model, content: r.text ? [{ type: 'text', text: r.text }] : [], stopReason: r.stopReason, usage: { ...r.usage } };
    },
    async *stream(ir, target, signal): AsyncGenerator<IrStreamEvent> {
      let started = false;
      for await (const event of legacy.stream(legacyRequest(ir, target, signal))) {
        if (signal.aborted) throw fromAbort(name, signal);
        if (event.type === 'delta') {
          if (!started) {
            started = true;
            yield { type: 'text_start', index: 0 };
          }
          yield { type: 'text', index: 0, text: event.text };
          continue;
        }
        if (started) yield { type: 'block_stop', index: 0 };
        yield { type: 'stop', stopReason: event.stopReason };
        yield { type: 'usage', usage: { ...event.usage } };
        yield { type: 'end' };
      }
    },
    embed: (texts, signal) => legacy.embed!(texts, signal),
    async close() {},
  };
}

function messageOf(m: IrRequest['messages'][number]): ChatMessage {
  const parts: ContentPart[] = [];
  for (const p of m.content) {
    if (p.type === 'text') parts.push({ type: 'text', text: p.text });
    else if (p.type === 'image' && p.source.kind === 'base64') parts.push({ type: 'image', mediaType: p.source.mediaType, data: p.source.data });
    else if (p.type === 'tool_result') for (const c of p.content) if (c.type === 'text') parts.push({ type: 'text', text: c.text });
  }
  return { role: m.role, content: parts };
}
