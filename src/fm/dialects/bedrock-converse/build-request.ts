import type { IrMessage, IrRequest, IrResponseFormat } from '../../ir/types.ts';
import type { TargetInfo } from '../types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import { systemWithContext } from '../shared/context.ts';
import { carryExtra } from '../shared/extra.ts';
import { setIf, type Json } from '../shared/json.ts';
import { buildMessages, cachePoint, textBlocks } from './build-content.ts';

/**
 * IR → a Converse request body (the model id goes in the URL, so it is not
 * here). Converse has no n, log probabilities, seed, top_k (only a
 * model-specific additionalModelRequestFields, which the IR cannot know),
 * schema-less JSON mode, per-turn parallel tool call control, image URLs,
 * or end-user field: each is refused with a 400 naming it.
 */
export function buildConverseRequest(ir: IrRequest, target: TargetInfo): Json {
  refuse(ir, target);
  carryExtra(ir, 'bedrock-converse', target);
  const body: Json = { messages: buildMessages(ir.messages, target) };
  const system = systemWithContext(ir.system, ir.context);
  if (system.length > 0) body.system = system.flatMap(textBlocks);
  const inference: Json = { maxTokens: ir.maxTokens ?? target.maxTokens };
  setIf(inference, 'temperature', ir.temperature ?? target.temperature);
  setIf(inference, 'topP', ir.topP ?? target.topP);
  if (ir.stopSequences?.length) inference.stopSequences = ir.stopSequences;
  body.inferenceConfig = inference;
  const tools = toolConfig(ir, target);
  if (tools) body.toolConfig = tools;
  if (ir.responseFormat?.type === 'json_schema') body.outputConfig = { textFormat: textFormat(ir.responseFormat) };
  return body;
}

function refuse(ir: IrRequest, target: TargetInfo): void {
  if (ir.n !== undefined && ir.n > 1) throw new UnsupportedFieldError('n', target, 'Converse returns one answer per call');
  if (ir.logprobs) throw new UnsupportedFieldError('logprobs', target, 'Converse does not return log probabilities');
  if (ir.seed !== undefined) throw new UnsupportedFieldError('seed', target, 'Converse has no sampling seed');
  if (ir.topK !== undefined) throw new UnsupportedFieldError('top_k', target, 'Converse has no top_k (it is a model-specific field there)');
  if (ir.user !== undefined) throw new UnsupportedFieldError('user', target, 'Converse has no end-user field');
  if (ir.responseFormat?.type === 'json_object') throw new UnsupportedFieldError('response_format', target, 'Converse has no schema-less JSON mode; send response_format json_schema');
  if (ir.parallelToolCalls === false && ir.tools?.length) throw new UnsupportedFieldError('parallel_tool_calls', target, 'Converse cannot limit a turn to one tool call');
}

/**
 * Converse has no tool choice `none`: the tools are left out instead, which
 * is what none means — unless the conversation already holds tool blocks,
 * which Converse accepts only with a toolConfig.
 */
function toolConfig(ir: IrRequest, target: TargetInfo): Json | undefined {
  if (!ir.tools?.length) return undefined;
  if (ir.toolChoice?.type === 'none') {
    if (ir.messages.some(hasToolBlocks)) throw new UnsupportedFieldError('tool_choice', target, "Converse has no tool choice 'none' and needs the tools for a conversation holding tool calls");
    return undefined;
  }
  const config: Json = {
    tools: ir.tools.flatMap((t) => {
      const spec: Json = { name: t.name, inputSchema: { json: t.inputSchema } };
      setIf(spec, 'description', t.description);
      if (t.strict !== undefined) spec.strict = t.strict;
      return [{ toolSpec: spec }, ...cachePoint(t.cacheControl)];
    }),
  };
  const c = ir.toolChoice;
  if (c?.type === 'any') config.toolChoice = { any: {} };
  else if (c?.type === 'tool') config.toolChoice = { tool: { name: c.name } };
  else if (c?.type === 'auto') config.toolChoice = { auto: {} };
  return config;
}

const hasToolBlocks = (m: IrMessage) => m.content.some((p) => p.type === 'tool_use' || p.type === 'tool_result');

/** Converse's structured output: the JSON schema travels as a string. */
function textFormat(f: Extract<IrResponseFormat, { type: 'json_schema' }>): Json {
  const jsonSchema: Json = { schema: JSON.stringify(f.schema) };
  setIf(jsonSchema, 'name', f.name);
  setIf(jsonSchema, 'description', f.description);
  return { type: 'json_schema', structure: { jsonSchema } };
}
