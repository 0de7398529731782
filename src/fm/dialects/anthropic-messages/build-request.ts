import type { IrRequest, IrToolChoice } from '../../ir/types.ts';
import type { TargetInfo } from '../types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import { systemWithContext } from '../shared/context.ts';
import { carryExtra } from '../shared/extra.ts';
import { setIf, type Json } from '../shared/json.ts';
import { buildMessages, textBlock } from './build-content.ts';

/**
 * IR → an Anthropic Messages body (also the body of Bedrock InvokeModel for
 * Anthropic models, once the transport swaps `model` for `anthropic_version`).
 * Refuses what Anthropic cannot do: several choices, log probabilities, a
 * seed, a temperature above 1, JSON mode without a schema.
 */
export function buildAnthropicRequest(ir: IrRequest, target: TargetInfo): Json {
  refuse(ir, target);
  const body: Json = { ...carryExtra(ir, 'anthropic-messages', target), model: target.modelId, max_tokens: ir.maxTokens ?? target.maxTokens, messages: buildMessages(ir.messages, target) };
  const system = systemWithContext(ir.system, ir.context);
  if (system.length === 1 && !system[0]!.cacheControl) body.system = system[0]!.text;
  else if (system.length > 0) body.system = system.map(textBlock);
  setIf(body, 'temperature', ir.temperature ?? target.temperature);
  setIf(body, 'top_p', ir.topP ?? target.topP);
  setIf(body, 'top_k', ir.topK);
  if (ir.stopSequences?.length) body.stop_sequences = ir.stopSequences;
  if (ir.tools?.length) {
    body.tools = ir.tools.map((t) => {
      const tool: Json = { name: t.name, input_schema: t.inputSchema };
      setIf(tool, 'description', t.description);
      setIf(tool, 'strict', t.strict);
      if (t.cacheControl) tool.cache_control = { ...t.cacheControl };
      return tool;
    });
  }
  // auto and none without tools ask for nothing (and Anthropic wants tools beside a tool_choice); any / a named tool are sent, to be refused upstream, loudly.
  const asksForTool = ir.toolChoice?.type === 'any' || ir.toolChoice?.type === 'tool';
  const choice = ir.tools?.length || asksForTool ? toolChoice(ir.toolChoice, ir.tools?.length ? ir.parallelToolCalls : undefined) : undefined;
  if (choice) body.tool_choice = choice;
  if (ir.responseFormat?.type === 'json_schema') body.output_config = { ...(body.output_config as Json | undefined), format: { type: 'json_schema', schema: ir.responseFormat.schema } };
  if (ir.user !== undefined) body.metadata = { user_id: ir.user };
  return body;
}

function refuse(ir: IrRequest, target: TargetInfo): void {
  if (ir.n !== undefined && ir.n > 1) throw new UnsupportedFieldError('n', target, 'Anthropic returns one answer per call');
  if (ir.logprobs) throw new UnsupportedFieldError('logprobs', target, 'Anthropic does not return log probabilities');
  if (ir.seed !== undefined) throw new UnsupportedFieldError('seed', target, 'Anthropic has no sampling seed');
  if (ir.temperature !== undefined && ir.temperature > 1) throw new UnsupportedFieldError('temperature', target, `Anthropic accepts 0 to 1, got ${ir.temperature}`);
  if (ir.responseFormat?.type === 'json_object') throw new UnsupportedFieldError('response_format', target, 'Anthropic has no schema-less JSON mode; send response_format json_schema');
}

/** disable_parallel_tool_use rides on tool_choice; parallel_tool_calls: false alone becomes auto with it. */
function toolChoice(c: IrToolChoice | undefined, parallel: boolean | undefined): Json | undefined {
  const disable = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (!c) return parallel === false ? { type: 'auto', ...disable } : undefined;
  if (c.type === 'none') return { type: 'none' };
  if (c.type === 'tool') return { type: 'tool', name: c.name, ...disable };
  return { type: c.type, ...disable };
}
