import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeDialect, type FakeUpstream, type RecordedRequest } from '../../../test/support/fake-upstream/index.ts';
import type { CatalogEntry } from '../catalog/index.ts';
import { wireDialects } from '../dialect-registry.ts';
import { createNativeExchange, type GatewayRequest, type Outcome, type Piece } from '../exchange/index.ts';
import type { StopReason } from '../ir/types.ts';
import { ProviderError } from './errors.ts';
import type { HttpProvider } from './port.ts';

/** What a provider put on the wire, in neutral terms, so one suite can check every adapter. */
export interface SentRequest {
  system: string | undefined;
  temperature: number | undefined;
  topP: number | undefined;
  maxTokens: number | undefined;
  stopSequences: string[] | undefined;
  userText: string;
  /** base64 data of every image sent. */
  images: string[];
}

export interface ProviderContractSpec {
  label: string;
  dialect: FakeDialect;
  model: string;
  make(fake: FakeUpstream, extra?: { timeoutMs?: number }): HttpProvider;
  inspect(req: RecordedRequest): SentRequest;
  /** How this API reports a stop-sequence hit (OpenAI cannot tell it from a natural end). */
  stopSequenceMapsTo: StopReason;
  /** The dialect's in-stream throttling error type. */
  streamThrottleType: string;
}

/** Static fake credentials for the Bedrock adapters under test. */
export const FAKE_AWS = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' } };

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export interface Ran {
  /** Text deltas in order. */
  deltas: string[];
  outcome?: Outcome;
  error?: unknown;
}

/**
 * One attempt of a native call on `provider` — exactly what the pipeline's
 * innermost step runs: the request built in the provider's dialect, sent
 * over its pool, read back into text deltas and an outcome.
 */
export async function attempt(provider: HttpProvider, model: string, request: GatewayRequest, mode: 'complete' | 'stream', signal = new AbortController().signal, onPiece?: (n: number) => void): Promise<Ran> {
  const entry: CatalogEntry = { alias: 'contract', provider: provider.name, modelId: model, maxTokens: request.maxTokens ?? 256, temperature: undefined, topP: undefined, price: null };
  const source = createNativeExchange(request, mode, wireDialects).source({ entry, provider, signal, meter: { attempts: 0, providerWaitMs: 0 }, now: () => Date.now() });
  const out: Ran = { deltas: [] };
  try {
    for (;;) {
      const next: IteratorResult<Piece, undefined> = await source.next();
      if (next.done) break;
      if (next.value.type === 'done') out.outcome = next.value.outcome;
      else {
        out.deltas.push(next.value.data);
        onPiece?.(out.deltas.length);
      }
    }
  } catch (error) {
    out.error = error;
  }
  return out;
}

function failure(ran: Ran): ProviderError {
  expect(ran.error).toBeInstanceOf(ProviderError);
  return ran.error as ProviderError;
}

/**
 * The suite every HTTP provider adapter passes against the fake upstream:
 * results, request shaping, stop reasons, and each fault class normalised
 * into the ProviderError the resilience layer reads.
 */
export function providerContract(spec: ProviderContractSpec): void {
  describe(`${spec.label} provider contract`, () => {
    let fake: FakeUpstream;
    let provider: HttpProvider;
    const ask = (over: Partial<GatewayRequest> = {}): GatewayRequest => ({ messages: [{ role: 'user', content: 'What is Hashi?' }], maxTokens: 256, ...over });
    const complete = (req = ask(), signal?: AbortSignal) => attempt(provider, spec.model, req, 'complete', signal);
    const stream = (req = ask(), signal?: AbortSignal, onPiece?: (n: number) => void) => attempt(provider, spec.model, req, 'stream', signal, onPiece);
    const streamFault = (fault: NonNullable<Parameters<FakeUpstream['script']>[0]['fault']>) => fake.script({ reply: 'one two three four five', fault, times: 1 });

    beforeAll(async () => {
      fake = await startFakeUpstream();
      provider = spec.make(fake);
    });
    afterAll(async () => {
      await provider.close();
      await fake.close();
    });
    beforeEach(() => {
      fake.reset();
    });

    it('completes with the scripted text, usage and stop reason', async () => {
      fake.script({ reply: 'Hashi is a gateway.', usage: { inputTokens: 42, outputTokens: 7 } });
      const ran = await complete();
      expect(ran).toEqual({ deltas: ['Hashi is a gateway.'], outcome: { usage: { inputTokens: 42, outputTokens: 7 }, stopReason: 'end_turn', model: spec.model } });
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]!.stream).toBe(false);
    });

    it('streams the reply as deltas, then one outcome', async () => {
      fake.script({ reply: 'Hashi bridges systems.', usage: { inputTokens: 11, outputTokens: 3 } });
      const ran = await stream();
      expect(ran.error).toBeUndefined();
      expect(ran.deltas).toEqual(['Hashi', ' bridges', ' systems.']);
      expect(ran.outcome).toEqual({ usage: { inputTokens: 11, outputTokens: 3 }, stopReason: 'end_turn', model: spec.model });
      expect(fake.requests[0]!.stream).toBe(true);
    });

    it('sends the system prompt with context passages, sampling settings, stop sequences and images', async () => {
      await complete(
        ask({
          system: 'You are MangaAssist.',
          context: [{ id: 'kb-7', title: 'Shipping', text: 'Orders ship in two days.' }],
          temperature: 0.3,
          topP: 0.9,
          maxTokens: 123,
          stopSequences: ['END'],
          messages: [{ role: 'user', content: [{ type: 'text', text: 'What is on this cover?' }, { type: 'image', mediaType: 'image/png', data: PNG_1PX }] }],
        }),
      );
      const sent = spec.inspect(fake.requests[0]!);
      expect(sent.system).toContain('You are MangaAssist.');
      expect(sent.system).toContain('[kb-7] Shipping');
      expect(sent.system).toContain('Orders ship in two days.');
      expect(sent).toMatchObject({ temperature: 0.3, topP: 0.9, maxTokens: 123, stopSequences: ['END'], userText: 'What is on this cover?' });
      expect(sent.images).toEqual([PNG_1PX]);
    });

    it('omits temperature when the request has none', async () => {
      await complete();
      expect(spec.inspect(fake.requests[0]!).temperature).toBeUndefined();
    });

    it('reports max_tokens when the reply is cut, for complete and stream', async () => {
      fake.script({ reply: 'a b c d e f g h' });
      const whole = await complete(ask({ maxTokens: 3 }));
      expect(whole.outcome?.stopReason).toBe('max_tokens');
      expect(whole.deltas.join('')).toBe('a b c');
      const streamed = await stream(ask({ maxTokens: 2 }));
      expect(streamed.outcome?.stopReason).toBe('max_tokens');
      expect(streamed.deltas).toHaveLength(2);
    });

    it.each([
      ['stop_sequence', spec.stopSequenceMapsTo],
      ['content_filter', 'content_filter'],
    ] as const)('maps the %s stop reason', async (scripted, expected) => {
      fake.script({ stopReason: scripted, times: 2 });
      expect((await complete()).outcome?.stopReason).toBe(expected);
      expect((await stream()).outcome?.stopReason).toBe(expected);
    });

    it('maps an unknown stop reason to other', async () => {
      fake.script({ rawStopReason: 'brand_new_reason', times: 1 });
      expect((await complete()).outcome?.stopReason).toBe('other');
    });

    it('429 → throttled, retryable, with the upstream Retry-After; one request only', async () => {
      fake.script({ fault: { type: 'throttle', retryAfterSeconds: 7 }, times: 1 });
      const err = failure(await complete());
      expect(err).toMatchObject({ kind: 'throttled', retryable: true, retryAfterMs: 7000, upstreamStatus: 429, code: 'FM_PROVIDER_THROTTLED' });
      expect(fake.requests).toHaveLength(1);
    });

    it('429 on a stream → throttled before any delta', async () => {
      fake.script({ fault: { type: 'throttle' }, times: 1 });
      const ran = await stream();
      expect(ran.deltas).toEqual([]);
      expect(ran.error).toMatchObject({ kind: 'throttled', retryable: true, retryAfterMs: undefined });
    });

    it.each([500, 503])('%i → server, retryable', async (status) => {
      fake.script({ fault: { type: 'status', status }, times: 1 });
      expect(failure(await complete())).toMatchObject({ kind: 'server', retryable: true, upstreamStatus: status, code: 'FM_PROVIDER_SERVER' });
      expect(fake.requests).toHaveLength(1);
    });

    it('400 → client, not retryable, the upstream body kept', async () => {
      fake.script({ fault: { type: 'status', status: 400, message: 'prompt is too long' }, times: 1 });
      const err = failure(await complete());
      expect(err).toMatchObject({ kind: 'client', retryable: false, upstreamStatus: 400, code: 'FM_PROVIDER_REJECTED' });
      expect(err.message).toContain('prompt is too long');
      expect(err.upstreamBody).toContain('prompt is too long');
    });

    it('403 → auth, not retryable', async () => {
      fake.script({ fault: { type: 'status', status: 403 }, times: 1 });
      expect(failure(await complete())).toMatchObject({ kind: 'client', retryable: false, code: 'FM_PROVIDER_AUTH' });
    });

    it('a connection reset before the answer → connection, retryable', async () => {
      fake.script({ fault: { type: 'reset' }, times: 2 });
      expect(failure(await complete())).toMatchObject({ kind: 'connection', retryable: true });
      const ran = await stream();
      expect(ran.deltas).toEqual([]);
      expect(ran.error).toMatchObject({ kind: 'connection', retryable: true });
    });

    it('a malformed JSON answer → bad response, retryable', async () => {
      fake.script({ fault: { type: 'malformed' }, times: 1 });
      expect(failure(await complete())).toMatchObject({ kind: 'server', retryable: true, code: 'FM_PROVIDER_BAD_RESPONSE' });
    });

    it('a hung call aborted by the caller → aborted, not retryable', async () => {
      fake.script({ fault: { type: 'hang' }, times: 1 });
      const controller = new AbortController();
      const pending = complete(ask(), controller.signal);
      await fake.waitForRequests(1);
      controller.abort();
      expect(failure(await pending)).toMatchObject({ kind: 'aborted', retryable: false, code: 'FM_PROVIDER_ABORTED' });
    });

    it('a hung stream cut by a deadline (TimeoutError reason) → timeout, retryable', async () => {
      fake.script({ fault: { type: 'hang' }, times: 1 });
      const controller = new AbortController();
      const pending = stream(ask(), controller.signal);
      await fake.waitForRequests(1);
      controller.abort(new DOMException('deadline reached', 'TimeoutError'));
      const ran = await pending;
      expect(ran.deltas).toEqual([]);
      expect(ran.error).toMatchObject({ kind: 'timeout', retryable: true, code: 'FM_PROVIDER_TIMEOUT' });
    });

    it('an already-aborted signal is refused as aborted, nothing sent', async () => {
      const controller = new AbortController();
      controller.abort();
      expect(failure(await complete(ask(), controller.signal)).kind).toBe('aborted');
      expect(fake.requests).toHaveLength(0);
    });

    it('the provider timeout option turns a hang into timeout', async () => {
      const impatient = spec.make(fake, { timeoutMs: 150 });
      fake.script({ fault: { type: 'hang' }, times: 1 });
      expect(failure(await attempt(impatient, spec.model, ask(), 'complete'))).toMatchObject({ kind: 'timeout', retryable: true });
      await impatient.close();
    });

    describe('a stream that breaks mid-way fails as stream_broken after the first deltas', () => {
      it.each([
        ['reset', { type: 'reset', afterDeltas: 2 }],
        ['malformed event', { type: 'malformed', afterDeltas: 2 }],
        ['in-stream error', { type: 'stream-error', afterDeltas: 2 }],
        ['clean end without the final events', { type: 'truncate', afterDeltas: 2 }],
      ] as const)('%s', async (_label, fault) => {
        streamFault(fault);
        const ran = await stream();
        expect(ran.deltas).toEqual(['one', ' two']);
        expect(ran.outcome).toBeUndefined();
        expect(ran.error).toMatchObject({ kind: 'stream_broken', retryable: true, deltasYielded: 2, code: 'FM_PROVIDER_STREAM_BROKEN' });
      });

      it('ended after every delta but before the terminal events', async () => {
        streamFault({ type: 'truncate', afterDeltas: 5 });
        const ran = await stream();
        expect(ran.outcome).toBeUndefined();
        expect(ran.error).toMatchObject({ kind: 'stream_broken', deltasYielded: 5 });
      });
    });

    it('an in-stream throttling error before any delta → throttled', async () => {
      streamFault({ type: 'stream-error', afterDeltas: 0, errorType: spec.streamThrottleType });
      const ran = await stream();
      expect(ran.deltas).toEqual([]);
      expect(ran.error).toMatchObject({ kind: 'throttled', retryable: true });
    });

    it('a stream hung after two deltas and aborted → aborted (not a silent end)', async () => {
      streamFault({ type: 'hang', afterDeltas: 2 });
      const controller = new AbortController();
      const ran = await stream(ask(), controller.signal, (n) => {
        if (n === 2) controller.abort();
      });
      expect(ran.deltas).toHaveLength(2);
      expect(ran.error).toMatchObject({ kind: 'aborted', retryable: false });
    });
  });
}
