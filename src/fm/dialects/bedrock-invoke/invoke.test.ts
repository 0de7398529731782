import { BedrockRuntimeClient, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { accumulate } from '../../ir/accumulate.ts';
import { anthropicMessages } from '../anthropic-messages/index.ts';
import type { EventStreamHeaders } from '../bedrock-converse/frame.ts';
import { UpstreamStreamError } from '../errors.ts';
import { BEDROCK_ANTHROPIC_VERSION, invokeWireFrame, toInvokeBody } from './index.ts';

const codec = new EventStreamCodec((b) => Buffer.from(b).toString('utf8'), (s) => Buffer.from(s, 'utf8'));
const str = (value: string) => ({ type: 'string' as const, value });
const chunk = (event: unknown) =>
  codec.encode({
    headers: { ':event-type': str('chunk'), ':content-type': str('application/json'), ':message-type': str('event') },
    body: Buffer.from(JSON.stringify({ bytes: Buffer.from(JSON.stringify(event)).toString('base64') })),
  });
const exception = (member: string, message: string) =>
  codec.encode({ headers: { ':exception-type': str(member), ':content-type': str('application/json'), ':message-type': str('exception') }, body: Buffer.from(JSON.stringify({ message })) });

function decode(messages: Uint8Array[]) {
  const d = anthropicMessages.decoder();
  return messages.flatMap((bytes) => {
    const m = codec.decode(bytes);
    const headers = Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, String(v.value)])) as EventStreamHeaders;
    return d.read(invokeWireFrame(headers, Buffer.from(m.body).toString('utf8')));
  });
}

const events = [
  { type: 'message_start', message: { id: 'msg_b', type: 'message', role: 'assistant', model: 'claude', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 7, output_tokens: 1 } } },
  { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_b', name: 'f', input: {} } },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"ü"}' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 4 } },
  { type: 'message_stop', 'amazon-bedrock-invocationMetrics': { inputTokenCount: 7, outputTokenCount: 4, invocationLatency: 5, firstByteLatency: 2 } },
];

describe('bedrock-invoke (Anthropic body)', () => {
  it('unwraps the chunks the AWS SDK also reads into Anthropic events the decoder turns into the answer', async () => {
    const bytes = events.map(chunk);
    const client = new BedrockRuntimeClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
      requestHandler: { handle: async () => ({ response: { statusCode: 200, headers: { 'content-type': 'application/vnd.amazon.eventstream' }, body: Readable.from([Buffer.concat(bytes)]) } }) } as never,
    });
    const out = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: 'm', body: '{}' }));
    const sdkEvents: unknown[] = [];
    for await (const e of out.body!) sdkEvents.push(JSON.parse(Buffer.from(e.chunk!.bytes!).toString('utf8')));
    expect(sdkEvents).toEqual(events);
    expect(accumulate(decode(bytes))).toEqual({
      id: 'msg_b',
      model: 'claude',
      content: [{ type: 'tool_use', id: 'toolu_b', name: 'f', input: { a: 'ü' } }],
      stopReason: 'tool_use',
      usage: { inputTokens: 7, outputTokens: 4 },
    });
  });

  it('turns a Bedrock exception into UpstreamStreamError with the exception type', () => {
    expect(() => decode([chunk(events[0]), exception('throttlingException', 'Too many requests')])).toThrow(UpstreamStreamError);
    expect(() => decode([exception('modelStreamErrorException', 'boom')])).toThrow(expect.objectContaining({ upstreamType: 'modelStreamErrorException', message: 'boom' }));
  });

  it('toInvokeBody swaps model and stream for anthropic_version', () => {
    expect(toInvokeBody({ model: 'claude', stream: true, max_tokens: 5, messages: [] })).toEqual({ anthropic_version: BEDROCK_ANTHROPIC_VERSION, max_tokens: 5, messages: [] });
  });
});
