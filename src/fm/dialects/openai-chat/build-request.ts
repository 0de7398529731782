import type { IrRequest, IrResponseFormat, IrToolChoice } from '../../ir/types.ts';
import type { TargetInfo } from '../types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import { systemWithContext } from '../shared/context.ts';
import { carryExtra } from '../shared/extra.ts';
import { setIf, type Json } from '../shared/json.ts';
import { buildMessages } from './build-messages.ts';

/**
 * What the transport adds to a streamed call: usage arrives in a last chunk
 * only when asked for, and the gateway always needs it (budgets, usage rows).
 */
export const OPENAI_STREAM_FIELDS = Object.freeze({ stream: true, stream_options: Object.freeze({ include_usage: true }) });

/**
 * IR → a Chat Completions body for an OpenAI-compatible server (OpenAI,
 * vLLM, Ollama, llama.cpp…). `max_tokens`, not `max_completion_tokens`:
 * the compatible servers understand only the former. `top_k` is sent as
 * `top_k`: vLLM, Ollama and llama.cpp honour it; OpenAI itself answers 400
 * naming it — loud, never a silent drop.
 */
export function buildOpenAIChatRequest(ir: IrRequest, target: TargetInfo): Json {
  refuse(ir, target);
  const system = systemWithContext(ir.system, ir.context);
  const messages = buildMessages(ir.messages, target);
  if (system.length > 0) messages.unshift({ role: 'system', content: system.map((b) => b.text).join('\n\n') });
  const body: Json = { ...carryExtra(ir, 'openai-chat', target), model: target.modelId, messages };
  body.max_tokens = ir.maxTokens ?? target.maxTokens;
  setIf(body, 'temperature', ir.temperature ?? target.temperature);
  setIf(body, 'top_p', ir.topP ?? target.topP);
  setIf(body, 'top_k', ir.topK);
  if (ir.stopSequences?.length) body.stop = ir.stopSequences;
  if (ir.tools?.length) {
    body.tools = ir.tools.map((t) => {
      const fn: Json = { name: t.name, parameters: t.inputSchema };
      setIf(fn, 'description', t.description);
      setIf(fn, 'strict', t.strict);
      return { type: 'function', function: fn };
    });
  }
  // OpenAI takes tool_choice and parallel_tool_calls only beside tools; without them auto / none ask for nothing.
  const asksForTool = ir.toolChoice?.type === 'any' || ir.toolChoice?.type === 'tool';
  if (ir.toolChoice && (ir.tools?.length || asksForTool)) body.tool_choice = toolChoice(ir.toolChoice);
  if (ir.tools?.length) setIf(body, 'parallel_tool_calls', ir.parallelToolCalls);
  if (ir.responseFormat) body.response_format = responseFormat(ir.responseFormat);
  setIf(body, 'seed', ir.seed);
  setIf(body, 'user', ir.user);
  return body;
}

/** What the IR can ask but a translated OpenAI answer cannot bring back: IrResult holds one choice and no log probabilities. */
function refuse(ir: IrRequest, target: TargetInfo): void {
  if (ir.n !== undefined && ir.n > 1) throw new UnsupportedFieldError('n', target, 'a translated call returns one choice; n > 1 needs an OpenAI client on an OpenAI-compatible model (pass-through)');
  if (ir.logprobs) throw new UnsupportedFieldError('logprobs', target, 'log probabilities are kept only when an OpenAI client calls an OpenAI-compatible model (pass-through)');
}

function toolChoice(c: IrToolChoice): unknown {
  switch (c.type) {
    case 'auto':
    case 'none':
      return c.type;
    case 'any':
      return 'required';
    case 'tool':
      return { type: 'function', function: { name: c.name } };
  }
}

function responseFormat(f: IrResponseFormat): Json {
  if (f.type !== 'json_schema') return { type: f.type };
  const js: Json = { name: f.name ?? 'response', schema: f.schema };
  setIf(js, 'description', f.description);
  setIf(js, 'strict', f.strict);
  return { type: 'json_schema', json_schema: js };
}
