import { BedrockRuntimeClient, ConverseCommand, ConverseStreamCommand, type ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { accumulate } from '../../ir/accumulate.ts';
import { MalformedResponseError, UpstreamStreamError } from '../errors.ts';
import { converseDecoder } from './decoder.ts';
import { converseWireFrame, type EventStreamHeaders } from './frame.ts';
import { parseConverseResult } from './result.ts';

const codec = new EventStreamCodec((b) => Buffer.from(b).toString('utf8'), (s) => Buffer.from(s, 'utf8'));
const str = (value: string) => ({ type: 'string' as const, value });
const event = (type: string, payload: unknown) =>
  codec.encode({ headers: { ':event-type': str(type), ':content-type': str('application/json'), ':message-type': str('event') }, body: Buffer.from(JSON.stringify(payload)) });
const exception = (member: string, message: string) =>
  codec.encode({ headers: { ':exception-type': str(member), ':content-type': str('application/json'), ':message-type': str('exception') }, body: Buffer.from(JSON.stringify({ message })) });

/** The transport's side: binary messages → headers and payload → converseWireFrame → decoder. */
function decode(messages: Uint8Array[]) {
  const d = converseDecoder();
  return messages.flatMap((bytes) => {
    const m = codec.decode(bytes);
    const headers = Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, String(v.value)])) as EventStreamHeaders;
    return d.read(converseWireFrame(headers, Buffer.from(m.body).toString('utf8')));
  });
}

function sdkClient(body: Uint8Array | string, contentType: string) {
  return new BedrockRuntimeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: { 'content-type': contentType }, body: Readable.from([Buffer.from(body)]) } }) } as never,
  });
}

const stream = [
  event('messageStart', { role: 'assistant' }),
  event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Let me ' } }),
  event('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'check.' } }),
  event('contentBlockStop', { contentBlockIndex: 0 }),
  event('contentBlockStart', { contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_1', name: 'lookup' } } }),
  event('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '{"q":' } } }),
  event('contentBlockDelta', { contentBlockIndex: 1, delta: { toolUse: { input: '"vol 105"}' } } }),
  event('contentBlockStop', { contentBlockIndex: 1 }),
  event('messageStop', { stopReason: 'tool_use' }),
  event('metadata', { usage: { inputTokens: 20, outputTokens: 8, totalTokens: 128, cacheReadInputTokens: 90, cacheWriteInputTokens: 10 }, metrics: { latencyMs: 12 } }),
];

describe('bedrock-converse decoder', () => {
  it('reads a ConverseStream the AWS SDK also accepts into IR events: text opened by its first delta, tool input in fragments, end after metadata', async () => {
    const sdkEvents: ConverseStreamOutput[] = [];
    const out = await sdkClient(Buffer.concat(stream), 'application/vnd.amazon.eventstream').send(new ConverseStreamCommand({ modelId: 'm', messages: [] }));
    for await (const e of out.stream!) sdkEvents.push(e);
    expect(sdkEvents.map((e) => Object.keys(e).find((k) => k !== '$unknown'))).toEqual(['messageStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'contentBlockStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata']);

    const events = decode(stream);
    expect(events.at(-1)).toEqual({ type: 'end' });
    expect(events).toContainEqual({ type: 'text_start', index: 0 });
    expect(accumulate(events, 'haiku')).toEqual({
      model: 'haiku',
      content: [{ type: 'text', text: 'Let me check.' }, { type: 'tool_use', id: 'tooluse_1', name: 'lookup', input: { q: 'vol 105' } }],
      stopReason: 'tool_use',
      usage: { inputTokens: 20, outputTokens: 8, cacheReadTokens: 90, cacheWriteTokens: 10 },
    });
  });

  it('turns exception messages into UpstreamStreamError with the exception type; maps guardrail stops to content_filter', () => {
    expect(() => decode([event('messageStart', { role: 'assistant' }), exception('throttlingException', 'Too many tokens')])).toThrow(
      expect.objectContaining({ upstreamType: 'throttlingException', message: 'Too many tokens' }),
    );
    expect(() => decode([exception('modelStreamErrorException', 'bad')])).toThrow(UpstreamStreamError);
    expect(decode([event('messageStop', { stopReason: 'guardrail_intervened' })])).toContainEqual({ type: 'stop', stopReason: 'content_filter' });
    expect(decode([event('messageStop', { stopReason: 'content_filtered' })])).toContainEqual({ type: 'stop', stopReason: 'content_filter' });
    expect(() => converseDecoder().read({ event: 'contentBlockDelta', data: 'nope' })).toThrow(MalformedResponseError);
  });

  it('converseWireFrame maps the :event-type and :exception-type headers', () => {
    expect(converseWireFrame({ ':message-type': 'event', ':event-type': 'metadata' }, '{}')).toEqual({ event: 'metadata', data: '{}' });
    expect(converseWireFrame({ ':message-type': 'exception', ':exception-type': 'validationException' }, '{"message":"x"}')).toEqual({ event: 'validationException', data: '{"message":"x"}' });
  });
});

describe('parseConverseResult', () => {
  it('reads the Converse JSON the AWS SDK reads, with tool use and cache counters', async () => {
    const json = {
      output: { message: { role: 'assistant', content: [{ text: 'Calling.' }, { toolUse: { toolUseId: 'tooluse_2', name: 'lookup', input: { q: 'x' } } }] } },
      stopReason: 'tool_use',
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 17, cacheReadInputTokens: 6, cacheWriteInputTokens: 4 },
      metrics: { latencyMs: 5 },
    };
    const sdk = await sdkClient(JSON.stringify(json), 'application/json').send(new ConverseCommand({ modelId: 'm', messages: [] }));
    expect(sdk.output?.message?.content).toEqual(json.output.message.content);
    expect(parseConverseResult(json)).toEqual({
      model: '',
      content: [{ type: 'text', text: 'Calling.' }, { type: 'tool_use', id: 'tooluse_2', name: 'lookup', input: { q: 'x' } }],
      stopReason: 'tool_use',
      usage: { inputTokens: 3, outputTokens: 4, cacheReadTokens: 6, cacheWriteTokens: 4 },
    });
    expect(() => parseConverseResult({ output: {} })).toThrow(MalformedResponseError);
  });
});
