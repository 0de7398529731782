import type { TargetInfo } from '../dialects/types.ts';
import type { IrRequest } from '../ir/types.ts';
import { endedEarly } from '../providers/classify.ts';
import type { LocalProvider } from '../providers/port.ts';
import { charsOfResult, IrTracker, outcomeOfResult } from './ir-tracker.ts';
import type { ClientOutput } from './output.ts';
import type { AttemptTarget, Piece } from './types.ts';

/** One attempt on an in-process model (offline, test doubles): IR in, IR out, rendered for the caller. */
export async function* localAttempt(
  request: IrRequest,
  provider: LocalProvider,
  target: TargetInfo,
  t: AttemptTarget,
  output: ClientOutput,
): AsyncGenerator<Piece, undefined> {
  if (!request.stream) {
    const started = t.now();
    let result;
    try {
      result = await provider.complete(request, target, t.signal);
    } finally {
      t.meter.providerWaitMs += t.now() - started;
    }
    yield { type: 'data', data: output.result(result), chars: charsOfResult(result) };
    yield { type: 'done', outcome: outcomeOfResult(result) };
    return undefined;
  }
  const encoder = output.encoder();
  const tracker = new IrTracker();
  const events = provider.stream(request, target, t.signal)[Symbol.asyncIterator]();
  let pieces = 0;
  try {
    for (;;) {
      const waited = t.now();
      let next;
      try {
        next = await events.next();
      } finally {
        t.meter.providerWaitMs += t.now() - waited;
      }
      if (next.done) break;
      tracker.read(next.value);
      const text = encoder.write(next.value);
      const chars = tracker.takeChars();
      if (text !== '') {
        pieces += 1;
        yield { type: 'data', data: text, chars };
      }
    }
  } finally {
    void Promise.resolve(events.return?.()).catch(() => undefined);
  }
  if (!tracker.ended) throw endedEarly(provider.name, pieces, 'its end');
  yield { type: 'done', outcome: tracker.outcome(target.modelId) };
  return undefined;
}
