import type { Exchange } from './exchange.ts';
import type { ChoicePlan, ReplyPlan } from './plan.ts';
import { preamble, type ErrorFormatter, type StreamBlock, type StreamFormat } from './respond.ts';
import type { FakeBehaviour, FakeFault } from './types.ts';

/** A choice's content blocks: its text (unless it is empty and calls follow), then one per tool call. */
function blocksOf(choice: ChoicePlan, c: number): StreamBlock[] {
  const blocks: StreamBlock[] = [];
  if (choice.tokens.length > 0 || choice.toolCalls.length === 0) blocks.push({ choice: c, index: 0, call: undefined, callIndex: -1 });
  for (let i = 0; i < choice.toolCalls.length; i++) blocks.push({ choice: c, index: blocks.length, call: choice.toolCalls[i], callIndex: i });
  return blocks;
}

/**
 * Writes a streamed answer: open, each block (start, deltas, stop) of each
 * choice, close. A fault with `afterDeltas: N` strikes as soon as N deltas
 * (text pieces and argument fragments alike) are out, before anything else.
 */
export async function respondStream(
  ex: Exchange,
  behaviour: FakeBehaviour,
  formatError: ErrorFormatter,
  plan: ReplyPlan,
  format: StreamFormat,
): Promise<void> {
  if (await preamble(ex, behaviour, formatError, true)) return;
  const fault = behaviour.fault;
  const breakAt = fault && fault.type !== 'status' && fault.type !== 'throttle' ? (fault.afterDeltas ?? 0) : undefined;
  const gap = behaviour.tokensPerSecond ? 1000 / behaviour.tokensPerSecond : 0;
  ex.writeHead(200, format.headers);
  if (gap === 0) ex.cork();
  ex.write(format.open(plan));
  let sent = 0;
  for (let c = 0; c < plan.choices.length; c++) {
    const choice = plan.choices[c]!;
    for (const block of blocksOf(choice, c)) {
      ex.write(format.blockStart(block, plan));
      const pieces = block.call ? block.call.fragments : choice.tokens;
      for (let i = 0; i < pieces.length; i++) {
        if (breakAt === sent) return midStreamFault(ex, fault!, format);
        ex.write(format.delta(pieces[i]!, block, i, plan));
        sent += 1;
        if (gap > 0) {
          await ex.sleep(gap);
          if (ex.closed) return;
        }
      }
      if (breakAt === sent) return midStreamFault(ex, fault!, format);
      ex.write(format.blockStop(block, plan));
    }
  }
  if (breakAt !== undefined) return midStreamFault(ex, fault!, format);
  ex.end(format.close(plan));
  ex.uncork();
}

function midStreamFault(ex: Exchange, fault: FakeFault, format: StreamFormat): void {
  // Flush what was corked so the client really receives the first deltas before the fault.
  ex.uncork();
  switch (fault.type) {
    case 'reset':
      ex.cut();
      return;
    case 'hang':
      return;
    case 'malformed':
      ex.end(format.malformed());
      return;
    case 'stream-error':
      ex.end(format.error(fault.errorType, fault.message));
      return;
    default:
      ex.end();
  }
}
