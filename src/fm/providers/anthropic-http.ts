import { systemClock, type Clock } from '../../kernel/index.ts';
import { HttpClient } from '../transport/http.ts';
import { readAnthropicError } from './error-readers.ts';
import { badResponse } from './classify.ts';
import { post } from './http-call.ts';
import type { HttpProvider } from './port.ts';

/** The Messages API version Hashi speaks to Anthropic. */
export const ANTHROPIC_VERSION = '2023-06-01';

export interface AnthropicHttpOptions {
  name: string;
  /** Default https://api.anthropic.com (the `/v1/...` paths are appended). */
  baseUrl?: string;
  apiKey?: string;
  timeoutMs?: number;
  supportsImages?: boolean;
  clock?: Clock;
}

/**
 * The Anthropic Messages API (and count_tokens). Anthropic Messages clients'
 * bodies pass through unchanged but for the model; their `anthropic-beta`
 * header travels with them (`WireCall.betas`).
 */
export function createAnthropicHttpProvider(options: AnthropicHttpOptions): HttpProvider {
  const { name } = options;
  const clock = options.clock ?? systemClock;
  const client = new HttpClient(options.baseUrl ?? 'https://api.anthropic.com', { timeoutMs: options.timeoutMs });
  const headers = (stream: boolean, betas: string[] | undefined): Record<string, string> => ({
    'content-type': 'application/json',
    ...(betas?.length ? { 'anthropic-beta': betas.join(',') } : {}),
    accept: stream ? 'text/event-stream' : 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
    ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
  });
  const call = (path: string, body: string, stream: boolean, signal: AbortSignal, betas?: string[]) =>
    post(client, { provider: name, path, headers: headers(stream, betas), body, stream, framing: 'sse', signal, readError: readAnthropicError, clock });

  return {
    kind: 'http',
    name,
    type: 'anthropic',
    supportsImages: options.supportsImages ?? true,
    dialect: 'anthropic-messages',
    passThrough: 'anthropic-messages',
    chat: (body, c) => call('/v1/messages', JSON.stringify(body), c.stream, c.signal, c.betas),
    chatText: (body, c) => call('/v1/messages', body, c.stream, c.signal, c.betas),
    async countTokens(body, c) {
      const answer = await call('/v1/messages/count_tokens', JSON.stringify(body), false, c.signal, c.betas);
      if (answer.kind !== 'json') throw new Error('unreachable');
      try {
        return Number((JSON.parse(answer.text) as { input_tokens?: unknown }).input_tokens ?? 0);
      } catch (err) {
        throw badResponse(name, err);
      }
    },
    close: () => client.close(),
  };
}
