import { ValidationError } from '../../../kernel/index.ts';
import type { GatewayRequest } from '../../pipeline/index.ts';
import type { ChatMessage, ContentPart } from '../../types.ts';
import type { CompletionBody, OpenAIContentPart, OpenAIMessage } from './schema.ts';

const DATA_URL = /^data:(image\/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/]+={0,2})$/;

const invalid = (param: string, message: string) =>
  new ValidationError('VALIDATION_FAILED', message, { details: [{ keyword: 'openai', path: param, message }] });

function partOf(part: OpenAIContentPart, param: string): ContentPart {
  if (part.type === 'text' && typeof part.text === 'string') return { type: 'text', text: part.text };
  if (part.type === 'image_url') {
    const url = (part as { image_url?: { url?: unknown } }).image_url?.url;
    const match = typeof url === 'string' ? DATA_URL.exec(url) : null;
    if (!match) throw invalid(param, 'image_url must be a base64 data: URL of a png, jpeg, gif or webp image (remote URLs are not fetched)');
    return { type: 'image', mediaType: match[1]!, data: match[2]! };
  }
  throw invalid(param, `content part type ${String(part.type)} is not supported`);
}

function textOf(message: OpenAIMessage, param: string): string {
  if (typeof message.content === 'string') return message.content;
  return (message.content ?? []).map((p, i) => {
    if (p.type !== 'text' || typeof p.text !== 'string') throw invalid(`${param}.content[${i}]`, `${message.role} messages may contain text only`);
    return p.text;
  }).join('\n');
}

/**
 * OpenAI messages → the gateway request: system and developer messages become
 * the system prompt; user and assistant messages the conversation; data-URL
 * images become image parts. Tool calls are not supported.
 */
export function completionRequest(body: CompletionBody): GatewayRequest {
  if (body.tools?.length) throw invalid('tools', 'tools are not supported by this gateway');
  const system: string[] = [];
  const messages: ChatMessage[] = [];
  body.messages.forEach((m, i) => {
    const param = `messages[${i}]`;
    if (m.role === 'tool') throw invalid(`${param}.role`, 'tool messages are not supported by this gateway');
    if (m.role === 'system' || m.role === 'developer') {
      system.push(textOf(m, param));
      return;
    }
    const content = typeof m.content === 'string' || m.role === 'assistant' ? textOf(m, param) : (m.content ?? []).map((p, j) => partOf(p, `${param}.content[${j}]`));
    messages.push({ role: m.role, content });
  });
  if (messages.at(-1)?.role !== 'user') throw invalid('messages', 'the last message must be a user message');
  const request: GatewayRequest = { model: body.model, messages };
  if (system.length) request.system = system.join('\n\n');
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (maxTokens != null) request.maxTokens = maxTokens;
  if (body.temperature != null) request.temperature = body.temperature;
  if (body.top_p != null && body.top_p > 0) request.topP = body.top_p;
  const stop = typeof body.stop === 'string' ? [body.stop] : (body.stop ?? []);
  if (stop.length) request.stopSequences = stop;
  return request;
}
