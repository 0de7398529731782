import type { ChatDialectName, TargetInfo } from '../dialects/types.ts';
import { UnsupportedFieldError } from '../dialects/errors.ts';
import type { IrRequest, IrResult, IrStreamEvent } from '../ir/types.ts';

/** The tool that carries a JSON-mode answer where the provider has no schema-less JSON mode. */
export const JSON_OBJECT_TOOL = 'json_object_response';

export interface JsonObjectEmulation {
  request: IrRequest;
  result(result: IrResult): IrResult;
  /** Maps one IR event of the provider's answer to what the caller sees. */
  event(event: IrStreamEvent): IrStreamEvent;
}

/**
 * OpenAI JSON mode (`response_format: json_object`: "any JSON object") on a
 * provider that only constrains output to a schema with declared properties
 * (Anthropic, Converse): the request offers one tool whose input is any
 * object and forces the model to call it; the call's input comes back as
 * the answer's text and the `tool_use` stop as a natural end. The caller
 * sees exactly what JSON mode promises — one JSON object as the message
 * content. With tools of its own the forced call would take their place,
 * so that combination is refused rather than bent.
 */
export function emulateJsonObject(request: IrRequest, dialect: ChatDialectName, target: TargetInfo): JsonObjectEmulation | undefined {
  if (request.responseFormat?.type !== 'json_object' || dialect === 'openai-chat') return undefined;
  if (request.tools?.length) {
    throw new UnsupportedFieldError('response_format', target, 'json_object together with tools has no equivalent here; send response_format json_schema, or no tools');
  }
  const { responseFormat: _json, ...rest } = request;
  const emulated: IrRequest = {
    ...rest,
    tools: [{ name: JSON_OBJECT_TOOL, description: 'Give the complete answer as one JSON object.', inputSchema: { type: 'object' } }],
    toolChoice: { type: 'tool', name: JSON_OBJECT_TOOL },
  };
  const jsonBlocks = new Set<number>();
  return {
    request: emulated,
    result(result) {
      return {
        ...result,
        content: result.content.map((p) => (p.type === 'tool_use' && p.name === JSON_OBJECT_TOOL ? { type: 'text', text: JSON.stringify(p.input) } : p)),
        stopReason: result.stopReason === 'tool_use' ? 'end_turn' : result.stopReason,
      };
    },
    event(event) {
      switch (event.type) {
        case 'tool_start':
          if (event.name !== JSON_OBJECT_TOOL) return event;
          jsonBlocks.add(event.index);
          return { type: 'text_start', index: event.index };
        case 'tool_delta':
          return jsonBlocks.has(event.index) ? { type: 'text', index: event.index, text: event.json } : event;
        case 'stop':
          return event.stopReason === 'tool_use' && jsonBlocks.size > 0 ? { ...event, stopReason: 'end_turn' } : event;
        default:
          return event;
      }
    },
  };
}
