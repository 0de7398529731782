import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeUpstream, type FakeDialect, type FakeUpstream, type RecordedRequest } from '../../../test/support/fake-upstream/index.ts';
import type { CompletionRequest, Provider, StopReason, StreamEvent } from '../types.ts';
import { ProviderError } from './errors.ts';

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
  make(fake: FakeUpstream, extra?: { timeoutMs?: number }): Provider;
  inspect(req: RecordedRequest): SentRequest;
  /** How this API reports a stop-sequence hit (OpenAI cannot tell it from a natural end). */
  stopSequenceMapsTo: StopReason;
  /** The dialect's in-stream throttling error type. */
  streamThrottleType: string;
}

export async function collect(stream: AsyncIterable<StreamEvent>): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const e of stream) events.push(e);
  } catch (error) {
    return { events, error };
  }
  return { events, error: undefined };
}

export async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected the call to fail');
}

/** Reads an Anthropic Messages body (Anthropic API and Bedrock InvokeModel). */
export function inspectAnthropicBody(body: any): SentRequest {
  const user = body.messages.find((m: any) => m.role === 'user');
  const blocks: any[] = Array.isArray(user.content) ? user.content : [{ type: 'text', text: user.content }];
  return {
    system: body.system,
    temperature: body.temperature,
    topP: body.top_p,
    maxTokens: body.max_tokens,
    stopSequences: body.stop_sequences,
    userText: blocks.filter((b) => b.type === 'text').map((b) => b.text).join(''),
    images: blocks.filter((b) => b.type === 'image').map((b) => b.source.data),
  };
}

/** Static fake credentials for the Bedrock adapters under test. */
export const FAKE_AWS = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' } };

const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

/**
 * The suite every SDK-backed provider passes against the fake upstream:
 * results, request shaping, stop reasons, and each fault class normalised.
 */
export function providerContract(spec: ProviderContractSpec): void {
  describe(`${spec.label} provider contract`, () => {
    let fake: FakeUpstream;
    let provider: Provider;
    const ask = (over: Partial<CompletionRequest> = {}): CompletionRequest => ({
      model: spec.model,
      messages: [{ role: 'user', content: 'What is Hashi?' }],
      maxTokens: 256,
      ...over,
    });
    const streamFault = (fault: NonNullable<Parameters<FakeUpstream['script']>[0]['fault']>) =>
      fake.script({ reply: 'one two three four five', fault, times: 1 });

    beforeAll(async () => {
      fake = await startFakeUpstream();
      provider = spec.make(fake);
    });
    afterAll(async () => {
      await fake.close();
    });
    beforeEach(() => {
      fake.reset();
    });

    it('completes with the scripted text, usage and stop reason', async () => {
      fake.script({ reply: 'Hashi is a gateway.', usage: { inputTokens: 42, outputTokens: 7 } });
      const result = await provider.complete(ask());
      expect(result).toEqual({ text: 'Hashi is a gateway.', usage: { inputTokens: 42, outputTokens: 7 }, stopReason: 'end_turn', model: spec.model });
      expect(fake.requests).toHaveLength(1);
      expect(fake.requests[0]!.stream).toBe(false);
    });

    it('streams the reply as deltas, then exactly one done', async () => {
      fake.script({ reply: 'Hashi bridges systems.', usage: { inputTokens: 11, outputTokens: 3 } });
      const { events, error } = await collect(provider.stream(ask()));
      expect(error).toBeUndefined();
      expect(events).toEqual([
        { type: 'delta', text: 'Hashi' },
        { type: 'delta', text: ' bridges' },
        { type: 'delta', text: ' systems.' },
        { type: 'done', usage: { inputTokens: 11, outputTokens: 3 }, stopReason: 'end_turn', model: spec.model },
      ]);
      expect(fake.requests[0]!.stream).toBe(true);
    });

    it('sends the system prompt with context passages, sampling settings, stop sequences and images', async () => {
      await provider.complete(
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
      await provider.complete(ask());
      expect(spec.inspect(fake.requests[0]!).temperature).toBeUndefined();
    });

    it('reports max_tokens when the reply is cut, for complete and stream', async () => {
      fake.script({ reply: 'a b c d e f g h' });
      const result = await provider.complete(ask({ maxTokens: 3 }));
      expect(result.stopReason).toBe('max_tokens');
      expect(result.text).toBe('a b c');
      const { events } = await collect(provider.stream(ask({ maxTokens: 2 })));
      expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: 'max_tokens' });
      expect(events.filter((e) => e.type === 'delta')).toHaveLength(2);
    });

    it.each([
      ['stop_sequence', spec.stopSequenceMapsTo],
      ['content_filter', 'content_filter'],
      ['tool_use', 'tool_use'],
    ] as const)('maps the %s stop reason', async (scripted, expected) => {
      fake.script({ stopReason: scripted, times: 2 });
      expect((await provider.complete(ask())).stopReason).toBe(expected);
      const { events } = await collect(provider.stream(ask()));
      expect(events.at(-1)).toMatchObject({ type: 'done', stopReason: expected });
    });

    it('maps an unknown stop reason to other', async () => {
      fake.script({ rawStopReason: 'brand_new_reason', times: 1 });
      expect((await provider.complete(ask())).stopReason).toBe('other');
    });

    it('429 → throttled, retryable, with the upstream Retry-After; the SDK does not retry', async () => {
      fake.script({ fault: { type: 'throttle', retryAfterSeconds: 7 }, times: 1 });
      const err = await failure(provider.complete(ask()));
      expect(err).toMatchObject({ kind: 'throttled', retryable: true, retryAfterMs: 7000, upstreamStatus: 429, code: 'FM_PROVIDER_THROTTLED' });
      expect(fake.requests).toHaveLength(1);
    });

    it('429 on a stream → throttled before any delta', async () => {
      fake.script({ fault: { type: 'throttle' }, times: 1 });
      const { events, error } = await collect(provider.stream(ask()));
      expect(events).toEqual([]);
      expect(error).toMatchObject({ kind: 'throttled', retryable: true, retryAfterMs: undefined });
    });

    it.each([500, 503])('%i → server, retryable, not retried by the SDK', async (status) => {
      fake.script({ fault: { type: 'status', status }, times: 1 });
      const err = await failure(provider.complete(ask()));
      expect(err).toMatchObject({ kind: 'server', retryable: true, upstreamStatus: status, code: 'FM_PROVIDER_SERVER' });
      expect(fake.requests).toHaveLength(1);
    });

    it('400 → client, not retryable', async () => {
      fake.script({ fault: { type: 'status', status: 400, message: 'prompt is too long' }, times: 1 });
      const err = await failure(provider.complete(ask()));
      expect(err).toMatchObject({ kind: 'client', retryable: false, upstreamStatus: 400, code: 'FM_PROVIDER_REJECTED' });
    });

    it('403 → auth, not retryable', async () => {
      fake.script({ fault: { type: 'status', status: 403 }, times: 1 });
      const err = await failure(provider.complete(ask()));
      expect(err).toMatchObject({ kind: 'client', retryable: false, code: 'FM_PROVIDER_AUTH' });
    });

    it('a connection reset before the answer → connection, retryable', async () => {
      fake.script({ fault: { type: 'reset' }, times: 2 });
      const err = await failure(provider.complete(ask()));
      expect(err).toMatchObject({ kind: 'connection', retryable: true });
      const { events, error } = await collect(provider.stream(ask()));
      expect(events).toEqual([]);
      expect(error).toMatchObject({ kind: 'connection', retryable: true });
    });

    it('a malformed JSON answer → bad response, retryable', async () => {
      fake.script({ fault: { type: 'malformed' }, times: 1 });
      const err = await failure(provider.complete(ask()));
      expect(err).toMatchObject({ kind: 'server', retryable: true, code: 'FM_PROVIDER_BAD_RESPONSE' });
    });

    it('a hung call aborted by the caller → aborted, not retryable', async () => {
      fake.script({ fault: { type: 'hang' }, times: 1 });
      const controller = new AbortController();
      const pending = failure(provider.complete(ask({ signal: controller.signal })));
      await fake.waitForRequests(1);
      controller.abort();
      expect(await pending).toMatchObject({ kind: 'aborted', retryable: false, code: 'FM_PROVIDER_ABORTED' });
    });

    it('a hung stream cut by a deadline (TimeoutError reason) → timeout, retryable', async () => {
      fake.script({ fault: { type: 'hang' }, times: 1 });
      const controller = new AbortController();
      const pending = collect(provider.stream(ask({ signal: controller.signal })));
      await fake.waitForRequests(1);
      controller.abort(new DOMException('deadline reached', 'TimeoutError'));
      const { events, error } = await pending;
      expect(events).toEqual([]);
      expect(error).toMatchObject({ kind: 'timeout', retryable: true, code: 'FM_PROVIDER_TIMEOUT' });
    });

    it('an already-aborted signal is refused as aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await failure(provider.complete(ask({ signal: controller.signal })));
      expect(err.kind).toBe('aborted');
    });

    it('the SDK timeout option turns a hang into timeout', async () => {
      const impatient = spec.make(fake, { timeoutMs: 150 });
      fake.script({ fault: { type: 'hang' }, times: 1 });
      const err = await failure(impatient.complete(ask()));
      expect(err).toMatchObject({ kind: 'timeout', retryable: true });
    });

    describe('a stream that breaks mid-way throws stream_broken after the first deltas', () => {
      it.each([
        ['reset', { type: 'reset', afterDeltas: 2 }],
        ['malformed event', { type: 'malformed', afterDeltas: 2 }],
        ['in-stream error', { type: 'stream-error', afterDeltas: 2 }],
        ['clean end without the final events', { type: 'truncate', afterDeltas: 2 }],
      ] as const)('%s', async (_label, fault) => {
        streamFault(fault);
        const { events, error } = await collect(provider.stream(ask()));
        expect(events).toEqual([
          { type: 'delta', text: 'one' },
          { type: 'delta', text: ' two' },
        ]);
        expect(error).toMatchObject({ kind: 'stream_broken', retryable: true, deltasYielded: 2, code: 'FM_PROVIDER_STREAM_BROKEN' });
      });

      it('ended after every delta but before the terminal events', async () => {
        streamFault({ type: 'truncate', afterDeltas: 5 });
        const { events, error } = await collect(provider.stream(ask()));
        expect(events.filter((e) => e.type === 'done')).toEqual([]);
        expect(error).toMatchObject({ kind: 'stream_broken', deltasYielded: 5 });
      });
    });

    it('an in-stream throttling error before any delta → throttled', async () => {
      streamFault({ type: 'stream-error', afterDeltas: 0, errorType: spec.streamThrottleType });
      const { events, error } = await collect(provider.stream(ask()));
      expect(events).toEqual([]);
      expect(error).toMatchObject({ kind: 'throttled', retryable: true });
    });

    it('a stream hung after two deltas and aborted → aborted (not a silent end)', async () => {
      streamFault({ type: 'hang', afterDeltas: 2 });
      const controller = new AbortController();
      const events: StreamEvent[] = [];
      let error: unknown;
      try {
        for await (const e of provider.stream(ask({ signal: controller.signal }))) {
          events.push(e);
          if (events.length === 2) controller.abort();
        }
      } catch (err) {
        error = err;
      }
      expect(events).toHaveLength(2);
      expect(error).toMatchObject({ kind: 'aborted', retryable: false });
    });
  });
}
