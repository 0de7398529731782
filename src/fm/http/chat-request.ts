import { ValidationError } from '../../kernel/index.ts';
import type { GatewayRequest } from '../pipeline/index.ts';
import type { ChatMessage, ContentPart } from '../types.ts';
import type { ChatBody, ImageInput } from './chat-schema.ts';

const invalid = (path: string, message: string) =>
  new ValidationError('VALIDATION_FAILED', `request body is invalid: ${path} ${message}`, { details: [{ keyword: 'fm', path, message }] });

const imagePart = (image: ImageInput): ContentPart => ({ type: 'image', mediaType: image.media_type, data: image.data });

function partsOf(content: NonNullable<ChatBody['messages']>[number]['content'], index: number): string | ContentPart[] {
  if (typeof content === 'string') return content;
  return content.map((part, i) => {
    if (part.type === 'text' && typeof part.text === 'string') return { type: 'text', text: part.text };
    if (part.type === 'image' && part.media_type && part.data) return imagePart({ media_type: part.media_type, data: part.data });
    throw invalid(`messages[${index}].content[${i}]`, part.type === 'text' ? 'needs text' : 'needs media_type and data');
  });
}

/**
 * Maps the simple chat request (`message`, `system`, `images`…) or a whole
 * `messages` conversation to the gateway's request; each provider adapter
 * then maps that to its own payload. The last message must be the user's.
 */
export function toGatewayRequest(body: ChatBody): GatewayRequest {
  const messages: ChatMessage[] = (body.messages ?? []).map((m, i) => ({ role: m.role, content: partsOf(m.content, i) }));
  const images = (body.images ?? []).map(imagePart);
  if (body.message !== undefined) {
    messages.push({ role: 'user', content: images.length ? [{ type: 'text', text: body.message }, ...images] : body.message });
  } else if (images.length) {
    const last = messages.at(-1)!;
    const parts = typeof last.content === 'string' ? [{ type: 'text' as const, text: last.content }] : last.content;
    messages[messages.length - 1] = { role: last.role, content: [...parts, ...images] };
  }
  if (messages.at(-1)?.role !== 'user') throw invalid(`messages[${messages.length - 1}].role`, 'must be user: the last message is the turn to answer');
  const request: GatewayRequest = { messages };
  if (body.system !== undefined) request.system = body.system;
  if (body.model !== undefined) request.model = body.model;
  if (body.max_tokens !== undefined) request.maxTokens = body.max_tokens;
  if (body.temperature !== undefined) request.temperature = body.temperature;
  if (body.top_p !== undefined) request.topP = body.top_p;
  if (body.stop?.length) request.stopSequences = body.stop;
  if (body.context?.length) request.context = body.context;
  return request;
}
