import type { Clock, FakeClock } from '../../kernel/index.ts';
import type { TargetInfo } from '../dialects/types.ts';
import type { IrRequest, IrResult, IrStreamEvent, IrUsage, StopReason } from '../ir/types.ts';
import type { LocalProvider } from '../providers/port.ts';

/** One scripted answer. Each call to the provider consumes the next step; the last one repeats. */
export type ScriptStep =
  | { kind: 'ok'; chunks: string[]; usage?: IrUsage; stopReason?: StopReason; latencyMs?: number }
  | { kind: 'fail'; error: unknown; latencyMs?: number }
  /** Never answers; rejects with the abort reason when its signal aborts. */
  | { kind: 'hang' }
  /** Never answers and ignores its signal, like a badly behaved SDK. */
  | { kind: 'hang-deaf' }
  /** Streams `chunks`, then fails with `error` (complete() fails straight away). */
  | { kind: 'break'; chunks: string[]; error: unknown }
  /** Streams `chunks`, then waits until aborted (forever, if `deaf`). */
  | { kind: 'stall'; chunks: string[]; deaf?: boolean }
  /** Streams `chunks`, then ends without its end event. */
  | { kind: 'truncate'; chunks: string[] };

/** What a call asked for, flattened: the provider model id and the parameters after the catalog's defaults. */
export interface ScriptedCall {
  model: string;
  maxTokens: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  system?: string;
  request: IrRequest;
}

export interface ScriptedProvider extends LocalProvider {
  readonly calls: ScriptedCall[];
  /** Signals of calls still running (hang/stall), for asserting that aborts reached upstream. */
  readonly aborted: boolean[];
  /** Appends steps; a last step that has been repeating is dropped in their favour. */
  push(...steps: ScriptStep[]): void;
}

export interface ScriptedProviderOptions {
  name: string;
  steps: ScriptStep[];
  supportsImages?: boolean;
  /** With a FakeClock, `latencyMs` of a step advances it, to simulate provider wait. */
  clock?: Clock | FakeClock;
}

function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function flatten(request: IrRequest, target: TargetInfo): ScriptedCall {
  const call: ScriptedCall = { model: target.modelId, maxTokens: request.maxTokens ?? target.maxTokens, request };
  const temperature = request.temperature ?? target.temperature;
  const topP = request.topP ?? target.topP;
  if (temperature !== undefined) call.temperature = temperature;
  if (topP !== undefined) call.topP = topP;
  if (request.stopSequences?.length) call.stopSequences = request.stopSequences;
  if (request.system?.length) call.system = request.system.map((b) => b.text).join('\n\n');
  return call;
}

/**
 * A test double of an in-process model, scripted to succeed, fail, hang or
 * break mid-stream. It exercises the gateway's code against the provider
 * port, not any wire format.
 */
export function createScriptedProvider(options: ScriptedProviderOptions): ScriptedProvider {
  const steps = [...options.steps];
  const calls: ScriptedCall[] = [];
  const aborted: boolean[] = [];
  let repeating = false;
  const nextStep = (request: IrRequest, target: TargetInfo, signal: AbortSignal): ScriptStep => {
    calls.push(flatten(request, target));
    const index = aborted.push(false) - 1;
    signal.addEventListener('abort', () => (aborted[index] = true), { once: true });
    repeating = steps.length === 1;
    const step = steps.length > 1 ? steps.shift()! : steps[0];
    if (!step) throw new Error(`${options.name}: no scripted step left`);
    return step;
  };
  const wait = (ms: number | undefined): void => {
    if (ms && options.clock && 'tick' in options.clock) options.clock.tick(ms);
  };
  const usageOf = (step: Extract<ScriptStep, { kind: 'ok' }>): IrUsage => step.usage ?? { inputTokens: 10, outputTokens: 5 };

  return {
    kind: 'local',
    name: options.name,
    type: 'scripted',
    supportsImages: options.supportsImages ?? true,
    calls,
    aborted,
    push: (...more) => {
      if (repeating) steps.length = 0;
      repeating = false;
      steps.push(...more);
    },
    async complete(request, target, signal): Promise<IrResult> {
      const step = nextStep(request, target, signal);
      switch (step.kind) {
        case 'ok':
          wait(step.latencyMs);
          return { model: target.modelId, content: [{ type: 'text', text: step.chunks.join('') }], stopReason: step.stopReason ?? 'end_turn', usage: usageOf(step) };
        case 'fail':
          wait(step.latencyMs);
          throw step.error;
        case 'break':
          throw step.error;
        case 'hang-deaf':
          return new Promise<never>(() => undefined);
        default:
          return untilAborted(signal);
      }
    },
    async *stream(request, target, signal): AsyncGenerator<IrStreamEvent> {
      const step = nextStep(request, target, signal);
      if (step.kind === 'fail') {
        wait(step.latencyMs);
        throw step.error;
      }
      if (step.kind === 'hang' || step.kind === 'hang-deaf') {
        await (step.kind === 'hang' ? untilAborted(signal) : new Promise<never>(() => undefined));
        return;
      }
      if (step.kind === 'ok') wait(step.latencyMs);
      for (const text of step.chunks) yield { type: 'text', index: 0, text };
      if (step.kind === 'ok') {
        yield { type: 'stop', stopReason: step.stopReason ?? 'end_turn' };
        yield { type: 'usage', usage: usageOf(step) };
        yield { type: 'end' };
      } else if (step.kind === 'break') throw step.error;
      else if (step.kind === 'stall') await (step.deaf ? new Promise<never>(() => undefined) : untilAborted(signal));
    },
    async close() {},
  };
}
