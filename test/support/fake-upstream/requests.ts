import type { RecordedRequest } from './types.ts';

/**
 * Readers of a received request for reply functions, one meaning across the
 * dialects: which tools were offered and which tool results came back (e.g.
 * answer with a tool call on the first turn and quote its result on the second).
 */
export interface ReceivedToolResult {
  /** The id of the call it answers (OpenAI `tool_call_id`, Anthropic `tool_use_id`, Converse `toolUseId`). */
  id: string;
  /** Its text parts joined (JSON parts as JSON). */
  content: string;
}

const textOf = (content: unknown): string => {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: any) => (typeof part?.text === 'string' ? part.text : part?.json !== undefined ? JSON.stringify(part.json) : ''))
    .join('');
};

const isConverse = (req: RecordedRequest): boolean => req.api === 'bedrock.converse' || req.api === 'bedrock.converse-stream';

/** The tool results in the request's messages, oldest first. */
export function toolResults(req: RecordedRequest): ReceivedToolResult[] {
  const messages: any[] = Array.isArray(req.body?.messages) ? req.body.messages : [];
  const out: ReceivedToolResult[] = [];
  for (const message of messages) {
    if (req.dialect === 'openai') {
      if (message?.role === 'tool') out.push({ id: String(message.tool_call_id), content: textOf(message.content) });
      continue;
    }
    if (!Array.isArray(message?.content)) continue;
    for (const block of message.content) {
      if (isConverse(req) && block?.toolResult) out.push({ id: String(block.toolResult.toolUseId), content: textOf(block.toolResult.content) });
      else if (block?.type === 'tool_result') out.push({ id: String(block.tool_use_id), content: textOf(block.content) });
    }
  }
  return out;
}

/** The names of the tools the request offers (OpenAI `tools[].function.name`, Anthropic `tools[].name`, Converse `toolConfig.tools[].toolSpec.name`). */
export function offeredTools(req: RecordedRequest): string[] {
  const tools: any[] = (isConverse(req) ? req.body?.toolConfig?.tools : req.body?.tools) ?? [];
  if (!Array.isArray(tools)) return [];
  return tools.map((t) => t?.function?.name ?? t?.toolSpec?.name ?? t?.name).filter((n): n is string => typeof n === 'string');
}
