import type { ProviderDialect, TargetInfo } from '../dialects/types.ts';
import { MalformedResponseError } from '../dialects/errors.ts';
import type { IrRequest } from '../ir/types.ts';
import { endedEarly } from '../providers/classify.ts';
import type { HttpProvider, RawFrame, WireAnswer } from '../providers/port.ts';
import { charsOfResult, IrTracker, outcomeOfResult } from './ir-tracker.ts';
import type { ClientOutput } from './output.ts';
import { guarded } from './guarded.ts';
import { emulateJsonObject, type JsonObjectEmulation } from './json-object.ts';
import type { AttemptTarget, Piece } from './types.ts';

/**
 * One translated attempt: the IR written in the provider's dialect, its
 * answer read back into the IR and rendered in the caller's. A field the
 * provider's dialect cannot carry fails here, before anything is sent
 * (UnsupportedFieldError, 400 naming the field and the model).
 */
export function translatedAttempt(
  request: IrRequest,
  provider: HttpProvider,
  dialect: ProviderDialect,
  target: TargetInfo,
  t: AttemptTarget,
  output: ClientOutput,
  betas?: string[],
): AsyncGenerator<Piece, undefined> {
  // Building may refuse a field (400): that is the caller's error, thrown before anything is sent.
  const json = emulateJsonObject(request, dialect.name, target);
  const body = dialect.buildRequest(json?.request ?? request, target);
  return guarded(provider.name, t.signal, attempt(body, request, provider, dialect, target, t, output, betas, json));
}

async function* attempt(
  body: Record<string, unknown>,
  request: IrRequest,
  provider: HttpProvider,
  dialect: ProviderDialect,
  target: TargetInfo,
  t: AttemptTarget,
  output: ClientOutput,
  betas: string[] | undefined,
  json: JsonObjectEmulation | undefined,
): AsyncGenerator<Piece, undefined> {
  if (provider.dialect !== 'bedrock-converse') {
    body.model = target.modelId;
    if (request.stream) {
      body.stream = true;
      // The gateway always needs the usage; the caller's encoder decides whether it sees it.
      if (provider.dialect === 'openai-chat') body.stream_options = { include_usage: true };
    }
  }
  const started = t.now();
  let answer: WireAnswer;
  try {
    answer = await provider.chat(body, { modelId: target.modelId, stream: request.stream, signal: t.signal, ...(betas ? { betas } : {}) });
  } finally {
    t.meter.providerWaitMs += t.now() - started;
  }
  if (answer.kind === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.text);
    } catch (err) {
      throw new MalformedResponseError(`${provider.name}: the response is not JSON`, err);
    }
    const parsedResult = dialect.parseResult(parsed);
    const result = json ? json.result(parsedResult) : parsedResult;
    if (!result.model) result.model = target.modelId;
    yield { type: 'data', data: output.result(result), chars: charsOfResult(result) };
    yield { type: 'done', outcome: outcomeOfResult(result) };
    return undefined;
  }
  const decoder = dialect.decoder();
  const encoder = output.encoder();
  const tracker = new IrTracker();
  const batches = answer.batches;
  let pieces = 0;
  try {
    for (;;) {
      const waited = t.now();
      let next: IteratorResult<RawFrame[], undefined>;
      try {
        next = await batches.next();
      } finally {
        t.meter.providerWaitMs += t.now() - waited;
      }
      if (next.done) break;
      let out = '';
      try {
        for (const frame of next.value) {
          for (const read of decoder.read(frame)) {
            const event = json ? json.event(read) : read;
            tracker.read(event);
            out += encoder.write(event);
            if (output.perEvent && out !== '') {
              pieces += 1;
              yield { type: 'data', data: out, chars: tracker.takeChars() };
              out = '';
            }
          }
        }
      } catch (err) {
        // A client already reading gets what the provider sent before its in-stream error, then the error.
        if (pieces > 0 && out !== '') yield { type: 'data', data: out, chars: tracker.takeChars() };
        throw err;
      }
      const chars = tracker.takeChars();
      if (out !== '') {
        pieces += 1;
        yield { type: 'data', data: out, chars };
      }
    }
  } finally {
    void batches.return?.(undefined)?.catch(() => undefined);
  }
  if (!tracker.ended) throw endedEarly(provider.name, pieces, 'its end');
  yield { type: 'done', outcome: tracker.outcome(target.modelId) };
  return undefined;
}
