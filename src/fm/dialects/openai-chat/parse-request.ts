import type { IrRequest, IrResponseFormat, IrTool, IrToolChoice } from '../../ir/types.ts';
import { DialectRequestError } from '../errors.ts';
import { array, extraFields, isRecord, optBoolean, optInteger, optNumber, optString, present, record, setIf, string, type Json } from '../shared/json.ts';
import { parseMessages } from './parse-messages.ts';

/** The Chat Completions fields the IR models; every other field goes to `extra` under its own name. */
const MODELLED = new Set([
  'model', 'messages', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'stop', 'tools', 'tool_choice',
  'parallel_tool_calls', 'response_format', 'n', 'logprobs', 'top_logprobs', 'seed', 'user', 'stream', 'stream_options',
]);

/** An OpenAI Chat Completions body → IR, refusing (400, naming the field) what OpenAI itself would refuse. */
export function parseOpenAIChatRequest(body: Json): IrRequest {
  const { system, messages } = parseMessages(body.messages);
  const ir: IrRequest = { model: string(body.model, 'model'), messages, stream: optBoolean(body.stream, 'stream') ?? false, origin: 'openai-chat' };
  if (system.length > 0) ir.system = system;
  // max_completion_tokens replaced max_tokens; when both are sent the newer one rules, as on OpenAI.
  const maxTokens = optInteger(body.max_completion_tokens, 'max_completion_tokens', 1) ?? optInteger(body.max_tokens, 'max_tokens', 1);
  if (maxTokens !== undefined) ir.maxTokens = maxTokens;
  setIf(ir, 'temperature', optNumber(body.temperature, 'temperature'));
  setIf(ir, 'topP', optNumber(body.top_p, 'top_p'));
  setIf(ir, 'stopSequences', stops(body.stop));
  if (present(body.tools)) ir.tools = array(body.tools, 'tools').map(tool);
  setIf(ir, 'toolChoice', present(body.tool_choice) ? toolChoice(body.tool_choice, ir.tools) : undefined);
  setIf(ir, 'parallelToolCalls', optBoolean(body.parallel_tool_calls, 'parallel_tool_calls'));
  setIf(ir, 'responseFormat', present(body.response_format) ? responseFormat(body.response_format) : undefined);
  setIf(ir, 'n', optInteger(body.n, 'n', 1));
  setIf(ir, 'logprobs', optBoolean(body.logprobs, 'logprobs'));
  setIf(ir, 'topLogprobs', optInteger(body.top_logprobs, 'top_logprobs'));
  if (ir.topLogprobs !== undefined && ir.logprobs !== true) throw new DialectRequestError('top_logprobs', 'top_logprobs requires logprobs: true');
  setIf(ir, 'seed', optInteger(body.seed, 'seed', Number.MIN_SAFE_INTEGER));
  setIf(ir, 'user', optString(body.user, 'user'));
  if (present(body.stream_options)) {
    if (!ir.stream) throw new DialectRequestError('stream_options', 'stream_options is only allowed when stream is true');
    setIf(ir, 'includeUsage', optBoolean(record(body.stream_options, 'stream_options').include_usage, 'stream_options.include_usage'));
  }
  setIf(ir, 'extra', extraFields(body, MODELLED));
  return ir;
}

function stops(value: unknown): string[] | undefined {
  if (!present(value)) return undefined;
  if (typeof value === 'string') return [value];
  const list = array(value, 'stop').map((s, i) => string(s, `stop[${i}]`));
  return list.length > 0 ? list : undefined;
}

function tool(value: unknown, i: number): IrTool {
  const path = `tools[${i}]`;
  const t = record(value, path);
  if (t.type !== 'function') {
    throw new DialectRequestError(`${path}.type`, `${path}.type ${JSON.stringify(t.type)} is not supported by the gateway (function tools are)`);
  }
  const fn = record(t.function, `${path}.function`);
  const out: IrTool = {
    name: string(fn.name, `${path}.function.name`),
    inputSchema: present(fn.parameters) ? record(fn.parameters, `${path}.function.parameters`) : { type: 'object', properties: {} },
  };
  setIf(out, 'description', optString(fn.description, `${path}.function.description`));
  setIf(out, 'strict', optBoolean(fn.strict, `${path}.function.strict`));
  return out;
}

function toolChoice(value: unknown, tools: IrTool[] | undefined): IrToolChoice {
  if (value === 'none' || value === 'auto') return { type: value };
  if (value === 'required') {
    if (!tools?.length) throw new DialectRequestError('tool_choice', "tool_choice 'required' needs tools");
    return { type: 'any' };
  }
  if (isRecord(value) && value.type === 'function') {
    const name = string(record(value.function, 'tool_choice.function').name, 'tool_choice.function.name');
    if (!tools?.some((t) => t.name === name)) throw new DialectRequestError('tool_choice.function.name', `tool_choice.function.name ${JSON.stringify(name)} is not in tools`);
    return { type: 'tool', name };
  }
  const kind = isRecord(value) ? JSON.stringify(value.type) : JSON.stringify(value);
  throw new DialectRequestError('tool_choice', `tool_choice ${kind} is not supported by the gateway (none, auto, required or a function)`);
}

function responseFormat(value: unknown): IrResponseFormat {
  const f = record(value, 'response_format');
  if (f.type === 'text' || f.type === 'json_object') return { type: f.type };
  if (f.type === 'json_schema') {
    const js = record(f.json_schema, 'response_format.json_schema');
    const out: IrResponseFormat = { type: 'json_schema', name: string(js.name, 'response_format.json_schema.name'), schema: present(js.schema) ? record(js.schema, 'response_format.json_schema.schema') : {} };
    setIf(out, 'description', optString(js.description, 'response_format.json_schema.description'));
    setIf(out, 'strict', optBoolean(js.strict, 'response_format.json_schema.strict'));
    return out;
  }
  throw new DialectRequestError('response_format.type', 'response_format.type must be text, json_object or json_schema');
}
