import type { FakeBehaviour, FakeReply, FakeStopReason, FakeToolCall, RecordedRequest } from './types.ts';

export interface PlannedToolCall {
  id: string;
  name: string;
  input: Record<string, unknown>;
  /** `input` as JSON (OpenAI `arguments`). */
  json: string;
  /** `json` in the pieces a stream sends. */
  fragments: string[];
}

/** One answer: text (as stream pieces), then tool calls. */
export interface ChoicePlan {
  tokens: string[];
  text: string;
  toolCalls: PlannedToolCall[];
  stop: FakeStopReason;
}

/** What one response will contain, before it is written in a dialect; its own fields are choice 0's. */
export interface ReplyPlan extends ChoicePlan {
  /** One per OpenAI `n`; a single one elsewhere. */
  choices: ChoicePlan[];
  rawStop: string | undefined;
  /** Excluding cache reads and writes. */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number | undefined;
  cacheWriteTokens: number | undefined;
  model: string;
  /** OpenAI: how many top_logprobs per token when logprobs were asked; undefined when not. */
  topLogprobs: number | undefined;
}

export interface PlanOptions {
  maxTokens: number | undefined;
  /** Choices to answer (OpenAI `n`). */
  n?: number;
  /** Prefix of default tool-call ids, e.g. `toolu_`. */
  toolIdPrefix: string;
  /** The response id, which makes default tool-call ids unique. */
  responseId: string;
  topLogprobs?: number | undefined;
}

/** Words with their leading whitespace, so the deltas join back into the reply. */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+/g) ?? [];
}

/** Up to three pieces, cut between code points, that join back into `json`. */
export function splitFragments(json: string): string[] {
  const points = Array.from(json);
  const size = Math.max(1, Math.ceil(points.length / 3));
  const out: string[] = [];
  for (let i = 0; i < points.length; i += size) out.push(points.slice(i, i + size).join(''));
  return out;
}

function replyOf(behaviour: FakeBehaviour, req: RecordedRequest, choice: number): FakeReply {
  const source = typeof behaviour.reply === 'function' ? behaviour.reply(req, choice) : behaviour.reply;
  return typeof source === 'string' ? { text: source, toolCalls: behaviour.toolCalls } : source;
}

function planChoice(behaviour: FakeBehaviour, req: RecordedRequest, choice: number, options: PlanOptions): ChoicePlan {
  const reply = replyOf(behaviour, req, choice);
  let tokens = splitTokens(reply.text ?? '');
  let calls: FakeToolCall[] = reply.toolCalls ?? [];
  let stop: FakeStopReason = behaviour.stopReason ?? (calls.length > 0 ? 'tool_use' : 'end_turn');
  const max = options.maxTokens;
  if (max !== undefined && max >= 0 && tokens.length > max) {
    // Cut mid-text: the calls after it are never reached.
    tokens = tokens.slice(0, max);
    calls = [];
    stop = behaviour.stopReason ?? 'max_tokens';
  }
  const suffix = choice > 0 ? `${options.responseId}_${choice}_` : `${options.responseId}_`;
  const toolCalls = calls.map((call, i): PlannedToolCall => {
    const json = JSON.stringify(call.input ?? {});
    return { id: call.id ?? `${options.toolIdPrefix}${suffix}${i}`, name: call.name, input: call.input ?? {}, json, fragments: splitFragments(json) };
  });
  return { tokens, text: tokens.join(''), toolCalls, stop };
}

const outputOf = (c: ChoicePlan): number => c.tokens.length + c.toolCalls.reduce((n, t) => n + Math.ceil(t.json.length / 4), 0);

export function planReply(behaviour: FakeBehaviour, req: RecordedRequest, bodyBytes: number, options: PlanOptions): ReplyPlan {
  const n = Math.max(1, options.n ?? 1);
  const first = planChoice(behaviour, req, 0, options);
  const choices = [first];
  for (let c = 1; c < n; c++) choices.push(planChoice(behaviour, req, c, options));
  const usage = behaviour.usage;
  return {
    ...first,
    choices,
    rawStop: behaviour.rawStopReason,
    inputTokens: usage?.inputTokens ?? Math.max(1, Math.ceil(bodyBytes / 4)),
    outputTokens: usage?.outputTokens ?? (n === 1 ? outputOf(first) : choices.reduce((sum, c) => sum + outputOf(c), 0)),
    cacheReadTokens: usage?.cacheReadTokens,
    cacheWriteTokens: usage?.cacheWriteTokens,
    model: behaviour.model ?? req.modelId ?? 'fake-model',
    topLogprobs: options.topLogprobs,
  };
}
