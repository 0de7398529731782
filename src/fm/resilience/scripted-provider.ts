import type { Clock, FakeClock } from '../../kernel/index.ts';
import type { CompletionRequest, CompletionResult, Provider, StopReason, StreamEvent, Usage } from '../types.ts';

/** One scripted answer. Each call to the provider consumes the next step; the last one repeats. */
export type ScriptStep =
  | { kind: 'ok'; chunks: string[]; usage?: Usage; stopReason?: StopReason; latencyMs?: number }
  | { kind: 'fail'; error: unknown; latencyMs?: number }
  /** Never answers; rejects with the abort reason when its signal aborts. */
  | { kind: 'hang' }
  /** Never answers and ignores its signal, like a badly behaved SDK. */
  | { kind: 'hang-deaf' }
  /** Streams `chunks`, then fails with `error` (complete() fails straight away). */
  | { kind: 'break'; chunks: string[]; error: unknown }
  /** Streams `chunks`, then waits until aborted (forever, if `deaf`). */
  | { kind: 'stall'; chunks: string[]; deaf?: boolean }
  /** Streams `chunks`, then ends without a `done` event. */
  | { kind: 'truncate'; chunks: string[] };

export interface ScriptedProvider extends Provider {
  readonly calls: CompletionRequest[];
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

const ok = (chunks: string[]) => chunks.join('');

function untilAborted(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/**
 * A test double of the Provider port, scripted to succeed, fail, hang or break
 * mid-stream. It exercises our code against the port, not any real SDK.
 */
export function createScriptedProvider(options: ScriptedProviderOptions): ScriptedProvider {
  const steps = [...options.steps];
  const calls: CompletionRequest[] = [];
  const aborted: boolean[] = [];
  let repeating = false;
  const nextStep = (req: CompletionRequest): { step: ScriptStep; index: number } => {
    calls.push(req);
    const index = aborted.push(false) - 1;
    req.signal?.addEventListener('abort', () => (aborted[index] = true), { once: true });
    repeating = steps.length === 1;
    const step = steps.length > 1 ? steps.shift()! : steps[0];
    if (!step) throw new Error(`${options.name}: no scripted step left`);
    return { step, index };
  };
  const wait = (ms: number | undefined): void => {
    if (ms && options.clock && 'tick' in options.clock) options.clock.tick(ms);
  };
  const done = (step: Extract<ScriptStep, { kind: 'ok' }>, model: string): StreamEvent => ({
    type: 'done',
    usage: step.usage ?? { inputTokens: 10, outputTokens: 5 },
    stopReason: step.stopReason ?? 'end_turn',
    model,
  });

  return {
    name: options.name,
    supportsImages: options.supportsImages ?? true,
    calls,
    aborted,
    push: (...more) => {
      if (repeating) steps.length = 0;
      repeating = false;
      steps.push(...more);
    },
    async complete(req): Promise<CompletionResult> {
      const { step } = nextStep(req);
      switch (step.kind) {
        case 'ok': {
          wait(step.latencyMs);
          const end = done(step, req.model) as Extract<StreamEvent, { type: 'done' }>;
          return { text: ok(step.chunks), usage: end.usage, stopReason: end.stopReason, model: end.model };
        }
        case 'fail':
          wait(step.latencyMs);
          throw step.error;
        case 'break':
          throw step.error;
        case 'hang-deaf':
          return new Promise<never>(() => undefined);
        default:
          return untilAborted(req.signal);
      }
    },
    async *stream(req): AsyncIterable<StreamEvent> {
      const { step } = nextStep(req);
      if (step.kind === 'fail') {
        wait(step.latencyMs);
        throw step.error;
      }
      if (step.kind === 'hang' || step.kind === 'hang-deaf') {
        await (step.kind === 'hang' ? untilAborted(req.signal) : new Promise<never>(() => undefined));
        return;
      }
      if (step.kind === 'ok') wait(step.latencyMs);
      for (const text of step.chunks) yield { type: 'delta', text };
      if (step.kind === 'ok') yield done(step, req.model);
      else if (step.kind === 'break') throw step.error;
      else if (step.kind === 'stall') await (step.deaf ? new Promise<never>(() => undefined) : untilAborted(req.signal));
    },
  };
}
