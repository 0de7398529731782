import { headerValue } from '../transport/http.ts';
import type { ErrorReader } from './http-call.ts';

const parse = (body: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(body);
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** OpenAI: `{"error": {"message", "type", "code"}}`; `code` is the more specific (`rate_limit_exceeded`). */
export const readOpenAIError: ErrorReader = (_headers, body) => {
  const error = parse(body)?.error as Record<string, unknown> | string | undefined;
  if (typeof error === 'string') return { message: error };
  return { type: str(error?.code) ?? str(error?.type), message: str(error?.message) };
};

/** Anthropic: `{"type": "error", "error": {"type", "message"}}`. */
export const readAnthropicError: ErrorReader = (_headers, body) => {
  const error = parse(body)?.error as Record<string, unknown> | undefined;
  return { type: str(error?.type), message: str(error?.message) };
};

/** Bedrock: the exception name in `x-amzn-errortype` (`ThrottlingException:http://…`) or `__type`, the text in `message`. */
export const readBedrockError: ErrorReader = (headers, body) => {
  const json = parse(body);
  const raw = headerValue(headers, 'x-amzn-errortype') ?? str(json?.__type);
  const type = raw?.split(':')[0]?.split('#').pop();
  return { type, message: str(json?.message) ?? str(json?.Message) };
};
