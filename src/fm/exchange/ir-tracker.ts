import type { IrResult, IrStreamEvent, IrUsage, StopReason } from '../ir/types.ts';
import type { Outcome } from './types.ts';

/** Follows an IR event stream for what accounting needs: usage (cumulative), stop reason, model, characters, a proper end. */
export class IrTracker {
  private readonly usage: IrUsage = { inputTokens: 0, outputTokens: 0 };
  private sawUsage = false;
  private stop: StopReason | undefined;
  private model: string | undefined;
  private chars = 0;
  ended = false;

  read(event: IrStreamEvent): void {
    switch (event.type) {
      case 'start':
        if (event.model) this.model = event.model;
        if (event.usage) this.merge(event.usage);
        break;
      case 'text':
        this.chars += event.text.length;
        break;
      case 'tool_delta':
        this.chars += event.json.length;
        break;
      case 'stop':
        this.stop = event.stopReason;
        break;
      case 'usage':
        this.merge(event.usage);
        break;
      case 'end':
        this.ended = true;
        break;
    }
  }

  /** Characters of answer read since the last call. */
  takeChars(): number {
    const n = this.chars;
    this.chars = 0;
    return n;
  }

  outcome(fallbackModel: string): Outcome {
    const outcome: Outcome = { usage: { ...this.usage }, stopReason: this.stop ?? 'other', model: this.model ?? fallbackModel };
    if (!this.sawUsage) outcome.estimated = true;
    return outcome;
  }

  private merge(usage: Partial<IrUsage>): void {
    this.sawUsage = true;
    if (usage.inputTokens !== undefined) this.usage.inputTokens = usage.inputTokens;
    if (usage.outputTokens !== undefined) this.usage.outputTokens = usage.outputTokens;
    if (usage.cacheReadTokens !== undefined) this.usage.cacheReadTokens = usage.cacheReadTokens;
    if (usage.cacheWriteTokens !== undefined) this.usage.cacheWriteTokens = usage.cacheWriteTokens;
  }
}

export function outcomeOfResult(result: IrResult): Outcome {
  return { usage: { ...result.usage }, stopReason: result.stopReason, model: result.model };
}

export function charsOfResult(result: IrResult): number {
  let n = 0;
  for (const part of result.content) n += part.type === 'text' ? part.text.length : JSON.stringify(part.input).length;
  return n;
}
