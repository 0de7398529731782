import { systemClock, type Clock } from '../../kernel/index.ts';
import { HttpClient } from '../transport/http.ts';
import { readOpenAIError } from './error-readers.ts';
import { post } from './http-call.ts';
import type { HttpProvider, WireAnswer, WireCall } from './port.ts';

export interface OpenAIHttpOptions {
  name: string;
  /** e.g. `http://localhost:11434/v1` (Ollama) or `https://api.openai.com/v1`. */
  baseUrl?: string;
  /** Sent as `Authorization: Bearer …`; local servers ignore it. */
  apiKey?: string;
  timeoutMs?: number;
  /** Off by default: most local models are text-only. */
  supportsImages?: boolean;
  clock?: Clock;
}

/**
 * Any OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp, LiteLLM…)
 * over its Chat Completions and Embeddings endpoints. OpenAI Chat clients'
 * bodies pass through unchanged but for the model.
 */
export function createOpenAIHttpProvider(options: OpenAIHttpOptions): HttpProvider {
  const { name } = options;
  const clock = options.clock ?? systemClock;
  const client = new HttpClient(options.baseUrl ?? 'https://api.openai.com/v1', { timeoutMs: options.timeoutMs });
  const headers = (stream: boolean): Record<string, string> => ({
    'content-type': 'application/json',
    accept: stream ? 'text/event-stream' : 'application/json',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  });
  const send = (path: string, body: string, call: Pick<WireCall, 'stream' | 'signal'>): Promise<WireAnswer> =>
    post(client, {
      provider: name,
      path,
      headers: headers(call.stream),
      body,
      stream: call.stream,
      framing: 'sse',
      signal: call.signal,
      readError: readOpenAIError,
      clock,
    });
  const text = async (answer: Promise<WireAnswer>): Promise<string> => {
    const a = await answer;
    if (a.kind !== 'json') throw new Error('unreachable: a non-streamed call answered a stream');
    return a.text;
  };

  return {
    kind: 'http',
    name,
    type: 'openai',
    supportsImages: options.supportsImages ?? false,
    dialect: 'openai-chat',
    passThrough: 'openai-chat',
    chat: (body, call) => send('/chat/completions', JSON.stringify(body), call),
    chatText: (body, call) => send('/chat/completions', body, call),
    embed: (body, call) => text(send('/embeddings', JSON.stringify(body), { stream: false, signal: call.signal })),
    close: () => client.close(),
  };
}
