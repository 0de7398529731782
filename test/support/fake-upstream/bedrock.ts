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

/** `inputTokens` excludes cache reads and writes; `totalTokens` counts them all. */
function usageOf(plan: ReplyPlan): Record<string, number> {
  const read = plan.cacheReadTokens;
  const write = plan.cacheWriteTokens;
  const usage: Record<string, number> = {
    inputTokens: plan.inputTokens,
    outputTokens: plan.outputTokens,
    totalTokens: plan.inputTokens + plan.outputTokens + (read ?? 0) + (write ?? 0),
  };
  if (read !== undefined) usage.cacheReadInputTokens = read;
  if (write !== undefined) usage.cacheWriteInputTokens = write;
  return usage;
}

export const EVENTSTREAM_HEADERS = {
  'content-type': 'application/vnd.amazon.eventstream',
  'x-amzn-requestid': 'fake-request-id',
};

function converseContent(plan: ReplyPlan): Record<string, unknown>[] {
  const content: Record<string, unknown>[] = [];
  if (plan.text !== '' || plan.toolCalls.length === 0) content.push({ text: plan.text });
  for (const call of plan.toolCalls) content.push({ toolUse: { toolUseId: call.id, name: call.name, input: call.input } });
  return content;
}

export function converseOutput(plan: ReplyPlan, latencyMs: number): Record<string, unknown> {
  return {
    output: { message: { role: 'assistant', content: converseContent(plan) } },
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
    // Text blocks start with their first delta; a tool block announces its id and name.
    blockStart: (block) =>
      block.call ? es.event('contentBlockStart', { contentBlockIndex: block.index, start: { toolUse: { toolUseId: block.call.id, name: block.call.name } } }) : '',
    delta: (piece, block) =>
      es.event('contentBlockDelta', { contentBlockIndex: block.index, delta: block.call ? { toolUse: { input: piece } } : { text: piece } }),
    blockStop: (block) => es.event('contentBlockStop', { contentBlockIndex: block.index }),
    close: (plan) =>
      concatFrames([
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
    open: (plan) => chunk(messageEvents.open(plan, id)),
    blockStart: (block) => chunk(messageEvents.blockStart(block)),
    delta: (piece, block) => chunk(messageEvents.delta(piece, block)),
    blockStop: (block) => chunk(messageEvents.blockStop(block)),
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
