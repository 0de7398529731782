import { BedrockRuntimeClient, ConverseCommand, type ConverseCommandInput } from '@aws-sdk/client-bedrock-runtime';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { IrRequest } from '../../ir/types.ts';
import { UnsupportedFieldError } from '../errors.ts';
import { parseOpenAIChatRequest } from '../openai-chat/parse-request.ts';
import type { TargetInfo } from '../types.ts';
import { buildConverseRequest } from './build-request.ts';

const target: TargetInfo = { modelId: 'anthropic.claude-3-5-haiku-20241022-v1:0', alias: 'haiku', provider: 'bedrock', maxTokens: 512 };

/** What the official AWS SDK puts on the wire for a Converse input: its own serializer, captured by a request handler. */
async function sdkWireBody(input: ConverseCommandInput): Promise<unknown> {
  let body: unknown;
  const client = new BedrockRuntimeClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    requestHandler: {
      handle: async (request: { body?: string | Uint8Array }) => {
        body = JSON.parse(typeof request.body === 'string' ? request.body : Buffer.from(request.body ?? []).toString('utf8'));
        const json = JSON.stringify({ output: { message: { role: 'assistant', content: [{ text: 'ok' }] } }, stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 }, metrics: { latencyMs: 1 } });
        return { response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Readable.from([Buffer.from(json)]) } };
      },
    } as never,
  });
  await client.send(new ConverseCommand(input));
  return body;
}

describe('buildConverseRequest', () => {
  it('builds, from an OpenAI tool loop with an image, JSON schema and cache hints, the very body the AWS SDK serialises', async () => {
    const ir = parseOpenAIChatRequest({
      model: 'haiku',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
        { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{"q":"png"}' } }] },
        { role: 'tool', tool_call_id: 'call_1', content: 'a PNG header' },
      ],
      tools: [{ type: 'function', function: { name: 'lookup', description: 'Look up', parameters: { type: 'object', properties: { q: { type: 'string' } } }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'lookup' } },
      response_format: { type: 'json_schema', json_schema: { name: 'answer', description: 'The answer', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
      stop: ['END'],
      temperature: 0.2,
      top_p: 0.9,
    });
    ir.system = [{ type: 'text', text: 'Be brief.', cacheControl: { type: 'ephemeral', ttl: '1h' } }];
    ir.messages[2]!.content.push({ type: 'text', text: '' });
    const body = buildConverseRequest(ir, target);
    const sdk = await sdkWireBody({
      modelId: target.modelId,
      system: [{ text: 'Be brief.' }, { cachePoint: { type: 'default', ttl: '1h' } }],
      messages: [
        { role: 'user', content: [{ text: 'What is this?' }, { image: { format: 'png', source: { bytes: Buffer.from('iVBORw0KGgo=', 'base64') } } }] },
        { role: 'assistant', content: [{ toolUse: { toolUseId: 'call_1', name: 'lookup', input: { q: 'png' } } }] },
        { role: 'user', content: [{ toolResult: { toolUseId: 'call_1', content: [{ text: 'a PNG header' }] } }] },
      ],
      inferenceConfig: { maxTokens: 512, temperature: 0.2, topP: 0.9, stopSequences: ['END'] },
      toolConfig: {
        tools: [{ toolSpec: { name: 'lookup', description: 'Look up', inputSchema: { json: { type: 'object', properties: { q: { type: 'string' } } } }, strict: true } }],
        toolChoice: { tool: { name: 'lookup' } },
      },
      outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: '{"type":"object","properties":{"a":{"type":"string"}}}', name: 'answer', description: 'The answer' } } } },
    });
    expect(body).toEqual(sdk);
  });

  it('tool_choice none leaves the tools out (what none means), unless the conversation holds tool blocks', () => {
    const ir: IrRequest = { model: 'haiku', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], tools: [{ name: 'f', inputSchema: {} }], toolChoice: { type: 'none' } };
    expect(buildConverseRequest(ir, target)).not.toHaveProperty('toolConfig');
    const withCalls: IrRequest = { ...ir, messages: [...ir.messages, { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] }] };
    expect(() => buildConverseRequest(withCalls, target)).toThrow('tool_choice is not supported by model haiku (provider bedrock)');
  });

  it('marks an error tool result with status error and merges consecutive user turns', () => {
    const ir: IrRequest = {
      model: 'haiku',
      stream: false,
      messages: [
        { role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', toolUseId: 't', content: [{ type: 'text', text: 'boom' }], isError: true }] },
        { role: 'user', content: [{ type: 'text', text: 'and?' }] },
      ],
      tools: [{ name: 'f', inputSchema: {} }],
    };
    expect(buildConverseRequest(ir, target).messages).toEqual([
      { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'f', input: {} } }] },
      { role: 'user', content: [{ toolResult: { toolUseId: 't', content: [{ text: 'boom' }], status: 'error' } }, { text: 'and?' }] },
    ]);
  });

  it.each([
    ['n', { n: 3 }],
    ['logprobs', { logprobs: true }],
    ['seed', { seed: 1 }],
    ['top_k', { topK: 10 }],
    ['user', { user: 'u' }],
    ['response_format', { responseFormat: { type: 'json_object' } }],
    ['parallel_tool_calls', { parallelToolCalls: false, tools: [{ name: 'f', inputSchema: {} }] }],
    ['messages[0].content[0]', { messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://e.com/x.png' } }] }] }],
    ['thinking', { origin: 'anthropic-messages', extra: { thinking: { type: 'enabled', budget_tokens: 2000 } } }],
  ] as [string, Partial<IrRequest>][])('refuses %s with a 400 naming the field and the model', (field, patch) => {
    const ir: IrRequest = { model: 'haiku', stream: false, messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }], ...patch };
    const run = () => buildConverseRequest(ir, target);
    expect(run).toThrow(UnsupportedFieldError);
    expect(run).toThrow(`${field} is not supported by model haiku (provider bedrock)`);
  });
});
