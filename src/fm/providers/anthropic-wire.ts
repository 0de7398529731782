import type { CompletionRequest, CompletionResult, StopReason, Usage } from '../types.ts';
import { imageMediaType, partsOf, systemWithContext, type ImageMediaType } from './prompt.ts';

/**
 * The Anthropic Messages wire format, shared by the Anthropic API adapter and
 * Bedrock InvokeModel (which carries the same body and the same stream events).
 */
export type AnthropicBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: ImageMediaType; data: string } };

export interface AnthropicMessagesBody {
  system?: string;
  messages: { role: 'user' | 'assistant'; content: AnthropicBlock[] }[];
  max_tokens: number;
  temperature?: number;
  top_p?: number;
  stop_sequences?: string[];
}

export function toAnthropicBody(provider: string, req: CompletionRequest): AnthropicMessagesBody {
  const body: AnthropicMessagesBody = {
    messages: req.messages.map((m) => ({
      role: m.role,
      content: partsOf(m).map((p): AnthropicBlock =>
        p.type === 'text'
          ? { type: 'text', text: p.text }
          : { type: 'image', source: { type: 'base64', media_type: imageMediaType(provider, p.mediaType), data: p.data } },
      ),
    })),
    max_tokens: req.maxTokens,
  };
  const system = systemWithContext(req);
  if (system !== undefined) body.system = system;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stopSequences?.length) body.stop_sequences = req.stopSequences;
  return body;
}

export function mapAnthropicStop(reason: string | null | undefined): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'max_tokens':
    case 'stop_sequence':
    case 'tool_use':
      return reason;
    case 'model_context_window_exceeded':
      return 'max_tokens';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}

interface AnthropicUsageWire {
  input_tokens?: number | null;
  output_tokens?: number | null;
}

export interface AnthropicMessageWire {
  model?: string;
  content?: { type: string; text?: string }[];
  stop_reason?: string | null;
  usage?: AnthropicUsageWire;
}

export function fromAnthropicMessage(msg: AnthropicMessageWire, fallbackModel: string): CompletionResult {
  const text = (msg.content ?? []).map((b) => (b.type === 'text' ? (b.text ?? '') : '')).join('');
  return {
    text,
    usage: { inputTokens: msg.usage?.input_tokens ?? 0, outputTokens: msg.usage?.output_tokens ?? 0 },
    stopReason: mapAnthropicStop(msg.stop_reason),
    model: msg.model ?? fallbackModel,
  };
}

/**
 * Folds the Messages stream events (message_start, content_block_delta,
 * message_delta, message_stop) into text deltas and a final result. Output
 * tokens in message_delta are cumulative, so the last value wins.
 */
export class AnthropicStreamReader {
  readonly usage: Usage = { inputTokens: 0, outputTokens: 0 };
  stopReason: StopReason = 'other';
  model: string;
  finished = false;

  constructor(fallbackModel: string) {
    this.model = fallbackModel;
  }

  /** Returns the text delta this event carries, if any. */
  read(event: unknown): string | undefined {
    const e = event as AnthropicStreamEventWire;
    switch (e.type) {
      case 'message_start':
        if (e.message?.model) this.model = e.message.model;
        this.takeUsage(e.message?.usage);
        return undefined;
      case 'content_block_delta':
        return e.delta?.type === 'text_delta' ? (e.delta.text ?? '') : undefined;
      case 'message_delta':
        if (e.delta?.stop_reason !== undefined) this.stopReason = mapAnthropicStop(e.delta.stop_reason);
        this.takeUsage(e.usage);
        return undefined;
      case 'message_stop':
        this.finished = true;
        return undefined;
      default:
        return undefined;
    }
  }

  private takeUsage(u: AnthropicUsageWire | undefined): void {
    if (!u) return;
    if (typeof u.input_tokens === 'number' && u.input_tokens > 0) this.usage.inputTokens = u.input_tokens;
    if (typeof u.output_tokens === 'number') this.usage.outputTokens = u.output_tokens;
  }
}

interface AnthropicStreamEventWire {
  type?: string;
  message?: { model?: string; usage?: AnthropicUsageWire };
  delta?: { type?: string; text?: string; stop_reason?: string | null };
  usage?: AnthropicUsageWire;
}
