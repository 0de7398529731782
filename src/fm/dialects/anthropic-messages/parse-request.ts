import type { IrRequest, IrTool, IrToolChoice } from '../../ir/types.ts';
import { DialectRequestError } from '../errors.ts';
import { array, extraFields, optBoolean, optInteger, optNumber, optString, present, record, setIf, string, type Json } from '../shared/json.ts';
import { cacheControl, systemBlocks } from './parse-content.ts';
import { parseMessages } from './parse-messages.ts';

/** The Messages fields the IR models; every other field (thinking, service_tier, mcp_servers…) goes to `extra` under its own name. */
const MODELLED = new Set(['model', 'max_tokens', 'messages', 'system', 'stop_sequences', 'temperature', 'top_p', 'top_k', 'stream', 'metadata', 'tools', 'tool_choice', 'output_config']);
/** Fields of a custom tool the IR carries; the others (defer_loading, input_examples…) are Anthropic-only. */
const TOOL_FIELDS = new Set(['type', 'name', 'description', 'input_schema', 'cache_control', 'strict']);

/**
 * An Anthropic Messages body (or a count_tokens body, which has no
 * max_tokens) → IR, refusing (400, naming the field) what Anthropic refuses
 * and what the IR cannot hold (server tools, documents, thinking blocks):
 * call it when the request must be translated, not for pass-through.
 */
export function parseAnthropicRequest(body: Json): IrRequest {
  const ir: IrRequest = { model: string(body.model, 'model'), messages: parseMessages(body.messages), stream: optBoolean(body.stream, 'stream') ?? false, origin: 'anthropic-messages' };
  setIf(ir, 'maxTokens', optInteger(body.max_tokens, 'max_tokens', 1));
  if (present(body.system)) {
    const system = systemBlocks(body.system);
    if (system.length > 0) ir.system = system;
  }
  if (present(body.stop_sequences)) {
    const stops = array(body.stop_sequences, 'stop_sequences').map((s, i) => string(s, `stop_sequences[${i}]`));
    if (stops.length > 0) ir.stopSequences = stops;
  }
  setIf(ir, 'temperature', optNumber(body.temperature, 'temperature'));
  if (ir.temperature !== undefined && (ir.temperature < 0 || ir.temperature > 1)) throw new DialectRequestError('temperature', 'temperature must be between 0 and 1');
  setIf(ir, 'topP', optNumber(body.top_p, 'top_p'));
  setIf(ir, 'topK', optInteger(body.top_k, 'top_k'));
  if (present(body.metadata)) {
    const { user_id, ...rest } = record(body.metadata, 'metadata');
    setIf(ir, 'user', optString(user_id, 'metadata.user_id'));
    const other = Object.keys(rest).find((k) => present(rest[k]));
    if (other) throw new DialectRequestError(`metadata.${other}`, `metadata.${other}: Anthropic metadata holds only user_id`);
  }
  if (present(body.tools)) ir.tools = array(body.tools, 'tools').map(tool);
  if (present(body.tool_choice)) toolChoice(ir, record(body.tool_choice, 'tool_choice'));
  const extra = extraFields(body, MODELLED) ?? {};
  if (present(body.output_config)) {
    const { format, ...rest } = record(body.output_config, 'output_config');
    if (present(format)) {
      const f = record(format, 'output_config.format');
      if (f.type !== 'json_schema') throw new DialectRequestError('output_config.format.type', "output_config.format.type must be 'json_schema'");
      ir.responseFormat = { type: 'json_schema', schema: record(f.schema, 'output_config.format.schema') };
    }
    // effort and any later output_config fields are Anthropic's alone: carried as extra, refused by other builders.
    if (Object.values(rest).some(present)) extra.output_config = rest;
  }
  if (Object.keys(extra).length > 0) ir.extra = extra;
  return ir;
}

function tool(value: unknown, i: number): IrTool {
  const path = `tools[${i}]`;
  const t = record(value, path);
  if (present(t.type) && t.type !== 'custom') {
    throw new DialectRequestError(`${path}.type`, `${path} (${String(t.name)}, type ${JSON.stringify(t.type)}) is an Anthropic server tool and cannot be translated to another provider`);
  }
  const unsupported = Object.keys(t).find((k) => !TOOL_FIELDS.has(k) && present(t[k]));
  if (unsupported) throw new DialectRequestError(`${path}.${unsupported}`, `${path}.${unsupported} is an Anthropic-only tool option and cannot be translated to another provider`);
  const out: IrTool = { name: string(t.name, `${path}.name`), inputSchema: record(t.input_schema, `${path}.input_schema`) };
  setIf(out, 'description', optString(t.description, `${path}.description`));
  setIf(out, 'strict', optBoolean(t.strict, `${path}.strict`));
  setIf(out, 'cacheControl', cacheControl(t.cache_control, `${path}.cache_control`));
  return out;
}

function toolChoice(ir: IrRequest, c: Json): void {
  let choice: IrToolChoice;
  if (c.type === 'auto' || c.type === 'any' || c.type === 'none') choice = { type: c.type };
  else if (c.type === 'tool') {
    const name = string(c.name, 'tool_choice.name');
    if (!ir.tools?.some((t) => t.name === name)) throw new DialectRequestError('tool_choice.name', `tool_choice.name ${JSON.stringify(name)} is not in tools`);
    choice = { type: 'tool', name };
  } else throw new DialectRequestError('tool_choice.type', 'tool_choice.type must be auto, any, tool or none');
  ir.toolChoice = choice;
  if (optBoolean(c.disable_parallel_tool_use, 'tool_choice.disable_parallel_tool_use') === true) ir.parallelToolCalls = false;
}
