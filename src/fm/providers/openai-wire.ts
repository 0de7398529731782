import type { CompletionRequest, StopReason } from '../types.ts';
import { imageMediaType, partsOf, systemWithContext } from './prompt.ts';

/** Chat Completions message shapes, as understood by OpenAI, Ollama, vLLM and llama.cpp. */
export type OpenAIPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

export type OpenAIMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | OpenAIPart[] }
  | { role: 'assistant'; content: string };

export function toOpenAIMessages(provider: string, req: CompletionRequest): OpenAIMessage[] {
  const out: OpenAIMessage[] = [];
  const system = systemWithContext(req);
  if (system !== undefined) out.push({ role: 'system', content: system });
  for (const m of req.messages) {
    const parts = partsOf(m);
    if (m.role === 'assistant') {
      out.push({ role: 'assistant', content: parts.map((p) => (p.type === 'text' ? p.text : '')).join('') });
    } else if (parts.every((p) => p.type === 'text')) {
      out.push({ role: 'user', content: parts.map((p) => (p.type === 'text' ? p.text : '')).join('') });
    } else {
      out.push({
        role: 'user',
        content: parts.map((p): OpenAIPart =>
          p.type === 'text'
            ? { type: 'text', text: p.text }
            : { type: 'image_url', image_url: { url: `data:${imageMediaType(provider, p.mediaType)};base64,${p.data}` } },
        ),
      });
    }
  }
  return out;
}

/** `stop` covers both a natural end and a stop-sequence hit; the API does not tell them apart. */
export function mapOpenAIFinish(reason: string | null | undefined): StopReason {
  switch (reason) {
    case 'stop':
      return 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'content_filter':
      return 'content_filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool_use';
    default:
      return 'other';
  }
}
