import type { CatalogEntry } from '../catalog/index.ts';
import { estimateInputTokens } from '../cost/index.ts';
import type { ChatDialectName, ProviderDialect } from '../dialects/types.ts';
import type { IrMessage, IrPart, IrRequest } from '../ir/types.ts';
import { latestUserText } from '../routing/auto.ts';
import type { ChatMessage, ContextPassage } from '../types.ts';
import { localAttempt } from './local.ts';
import { nativeOutput } from './output.ts';
import { translatedAttempt } from './translate.ts';
import type { AttemptTarget, Exchange, Piece } from './types.ts';
import { targetOf } from './wire.ts';

/** What an app (or /v1/chat, or the WebSocket) asks the gateway for; `model` is an alias, a provider model id, a split name or `auto`. */
export interface GatewayRequest {
  model?: string;
  system?: string;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  context?: ContextPassage[];
}

/**
 * A call through Hashi's own API: the answer comes back as plain text
 * deltas. Context passages travel in the IR: in-process models quote them,
 * a wire provider's builder appends them to the system prompt, each tagged
 * with its id so the answer can cite it.
 */
export function createNativeExchange(request: GatewayRequest, mode: 'complete' | 'stream', dialects: { provider(name: ChatDialectName): ProviderDialect }): Exchange {
  const ir = irOf(request, mode === 'stream');
  return {
    mode,
    dialect: 'native',
    model: request.model,
    hasImages: request.messages.some((m) => typeof m.content !== 'string' && m.content.some((p) => p.type === 'image')),
    estimatedInputTokens: estimateInputTokens(request),
    maxTokens: request.maxTokens,
    latestUserText: () => latestUserText(request.messages),
    // The mode is left out: a native answer's text chunks replay the same way for either. The
    // catalog's defaults are applied first, so an explicit default is the same request.
    cacheMaterial: (entry: CatalogEntry) => ({
      d: 'native',
      p: entry.provider,
      r: {
        ...request,
        model: entry.modelId,
        maxTokens: request.maxTokens ?? entry.maxTokens,
        temperature: request.temperature ?? entry.temperature,
        topP: request.topP ?? entry.topP,
      },
    }),
    source(t: AttemptTarget): AsyncIterator<Piece, undefined> {
      const p = t.provider;
      if (p.kind === 'local') return localAttempt(ir, p, targetOf(t.entry), t, nativeOutput);
      return translatedAttempt(ir, p, dialects.provider(p.dialect), targetOf(t.entry), t, nativeOutput);
    },
  };
}

function irOf(request: GatewayRequest, stream: boolean): IrRequest {
  const ir: IrRequest = { model: request.model ?? '', messages: request.messages.map(messageOf), stream, origin: 'hashi' };
  if (request.system) ir.system = [{ type: 'text', text: request.system }];
  if (request.maxTokens !== undefined) ir.maxTokens = request.maxTokens;
  if (request.temperature !== undefined) ir.temperature = request.temperature;
  if (request.topP !== undefined) ir.topP = request.topP;
  if (request.stopSequences?.length) ir.stopSequences = request.stopSequences;
  if (request.context?.length) ir.context = request.context;
  return ir;
}

function messageOf(m: ChatMessage): IrMessage {
  if (typeof m.content === 'string') return { role: m.role, content: [{ type: 'text', text: m.content }] };
  return {
    role: m.role,
    content: m.content.map((p): IrPart => (p.type === 'text' ? { type: 'text', text: p.text } : { type: 'image', source: { kind: 'base64', mediaType: p.mediaType, data: p.data } })),
  };
}
