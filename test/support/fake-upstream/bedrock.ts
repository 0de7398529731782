import { anthropicMessage, messageEvents } from './anthropic.ts';
import { concatFrames, EventStreamWriter } from './eventstream.ts';
import type { ReplyPlan } from './plan.ts';
import type { ErrorFormatter, StreamFormat } from './respond.ts';
import type { FakeStopReason } from './types.ts';

/**
 * Bedrock runtime (restJson1): errors carry `x-amzn-errortype` and
 * `{message}`; streams are event-stream frames. Shapes follow the Bedrock API
 * reference for Converse, ConverseStream, InvokeModel and
 * InvokeModelWithResponseStream.
 */
const ERROR_TYPES: Record<number, string> = {
  400: 'ValidationException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

export const bedrockError: ErrorFormatter = (status, errorType, message) => {
  const type = errorType ?? ERROR_TYPES[status] ?? (status >= 500 ? 'InternalServerException' : 'ValidationException');
  return {
    status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': 'fake-request-id',
    },
    body: JSON.stringify({ message: message ?? `fake upstream ${type}` }),
  };
};

const CONVERSE_STOP: Record<FakeStopReason, string> = {
  end_turn: 'end_turn',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  tool_use: 'tool_use',
  content_filter: 'content_filtered',
};

const converseStop = (plan: ReplyPlan): string => plan.rawStop ?? CONVERSE_STOP[plan.stop];

const usageOf = (plan: ReplyPlan) => ({
  inputTokens: plan.inputTokens,
  outputTokens: plan.outputTokens,
  totalTokens: plan.inputTokens + plan.outputTokens,
});

export const EVENTSTREAM_HEADERS = {
  'content-type': 'application/vnd.amazon.eventstream',
  'x-amzn-requestid': 'fake-request-id',
};

export function converseOutput(plan: ReplyPlan, latencyMs: number): Record<string, unknown> {
  return {
    output: { message: { role: 'assistant', content: [{ text: plan.text }] } },
    stopReason: converseStop(plan),
    usage: usageOf(plan),
    metrics: { latencyMs },
  };
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function converseFrames(latencyMs: number): StreamFormat {
  const es = new EventStreamWriter();
  return {
    headers: EVENTSTREAM_HEADERS,
    open: () => es.event('messageStart', { role: 'assistant' }),
    delta: (text) => es.event('contentBlockDelta', { contentBlockIndex: 0, delta: { text } }),
    close: (plan) =>
      concatFrames([
        es.event('contentBlockStop', { contentBlockIndex: 0 }),
        es.event('messageStop', { stopReason: converseStop(plan) }),
        es.event('metadata', { usage: usageOf(plan), metrics: { latencyMs } }),
      ]),
    malformed: () => es.corrupt('contentBlockDelta'),
    error: (errorType, message) =>
      es.exception(lowerFirst(errorType ?? 'ModelStreamErrorException'), message ?? 'The model stream failed'),
  };
}

/** InvokeModelWithResponseStream: each `chunk` holds one Anthropic stream event, base64 in `bytes`. */
export function invokeChunks(id: string, latencyMs: number): StreamFormat {
  const es = new EventStreamWriter();
  const chunk = (event: unknown) => es.event('chunk', { bytes: Buffer.from(JSON.stringify(event)).toString('base64') });
  return {
    headers: EVENTSTREAM_HEADERS,
    open: (plan) => concatFrames(messageEvents.open(plan, id).map(chunk)),
    delta: (text) => chunk(messageEvents.delta(text)),
    close: (plan) => {
      const events: Record<string, unknown>[] = messageEvents.close(plan);
      events[events.length - 1] = {
        type: 'message_stop',
        'amazon-bedrock-invocationMetrics': {
          inputTokenCount: plan.inputTokens,
          outputTokenCount: plan.outputTokens,
          invocationLatency: latencyMs,
          firstByteLatency: latencyMs,
        },
      };
      return concatFrames(events.map(chunk));
    },
    malformed: () => es.corrupt('chunk'),
    error: (errorType, message) =>
      es.exception(lowerFirst(errorType ?? 'ModelStreamErrorException'), message ?? 'The model stream failed'),
  };
}

export function invokeAnthropic(plan: ReplyPlan, id: string): Record<string, unknown> {
  return anthropicMessage(plan, id);
}

export function titanEmbedding(vector: number[], tokenCount: number): Record<string, unknown> {
  return { embedding: vector, embeddingsByType: { float: vector }, inputTextTokenCount: tokenCount };
}
