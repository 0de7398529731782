import { ConverseCommand, ConverseStreamCommand, InvokeModelCommand, InvokeModelWithResponseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { offeredTools, startFakeUpstream, toolResults, type FakeReply, type FakeUpstream, type RecordedRequest } from './index.ts';
import { decodeJson, sdkClients } from './sdk-clients.ts';

/** Tool calls in every dialect, JSON and streamed, parsed by the official SDKs as clients of the fake. */
describe('fake upstream tool calls through the official SDKs', () => {
  let fake: FakeUpstream;
  let sdk: ReturnType<typeof sdkClients>;
  beforeAll(async () => {
    fake = await startFakeUpstream();
    sdk = sdkClients(fake);
  });
  afterAll(async () => {
    sdk.bedrock.destroy();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  const weather = { name: 'get_weather', input: { city: 'Ōsaka', units: 'celsius', days: [1, 2] } };
  const user = 'What is the weather in Osaka?';
  /** First turn: a tool call; once a result came back: text quoting it. */
  const toolLoop = (req: RecordedRequest): FakeReply => {
    const results = toolResults(req);
    if (results.length === 0) return offeredTools(req).includes('get_weather') ? { text: 'Let me check.', toolCalls: [weather] } : { text: 'No tools.' };
    return { text: `It is ${results.at(-1)!.content} (call ${results.at(-1)!.id}).` };
  };

  describe('openai', () => {
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];

    it('answers with message.tool_calls and finish_reason tool_calls', async () => {
      fake.script({ reply: 'Let me check.', toolCalls: [weather, { id: 'call_given', name: 'get_time', input: {} }] });
      const res = await sdk.openai.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: user }], tools });
      const choice = res.choices[0]!;
      expect(choice.finish_reason).toBe('tool_calls');
      expect(choice.message.content).toBe('Let me check.');
      const calls = choice.message.tool_calls!.map((c) => (c.type === 'function' ? [c.id, c.function.name, JSON.parse(c.function.arguments)] : c));
      expect(calls).toEqual([['call_fake_1_0', 'get_weather', weather.input], ['call_given', 'get_time', {}]]);
    });

    it('streams delta.tool_calls: id and name first, arguments in fragments; the stream helper assembles them', async () => {
      fake.script({ toolCalls: [weather] });
      const raw = await sdk.openai.chat.completions.create({ model: 'gpt-fake', messages: [{ role: 'user', content: user }], tools, stream: true });
      const deltas: any[] = [];
      for await (const chunk of raw) if (chunk.choices[0]?.delta.tool_calls) deltas.push(chunk.choices[0].delta.tool_calls[0]);
      expect(deltas[0]).toMatchObject({ index: 0, id: 'call_fake_1_0', type: 'function', function: { name: 'get_weather', arguments: '' } });
      const fragments = deltas.slice(1).map((d) => d.function.arguments);
      expect(fragments.length).toBeGreaterThanOrEqual(2);
      expect(JSON.parse(fragments.join(''))).toEqual(weather.input);

      const stream = sdk.openai.chat.completions.stream({ model: 'gpt-fake', messages: [{ role: 'user', content: user }], tools });
      const final = await stream.finalChatCompletion();
      expect(final.choices[0]!.finish_reason).toBe('tool_calls');
      expect(final.choices[0]!.message.tool_calls).toMatchObject([{ id: 'call_fake_2_0', function: { name: 'get_weather', arguments: JSON.stringify(weather.input) } }]);
    });

    it('runs a two-turn tool loop with runTools (JSON and streamed)', async () => {
      for (const stream of [false, true]) {
        fake.reset();
        fake.script({ reply: toolLoop });
        const runner = sdk.openai.chat.completions.runTools({
          model: 'gpt-fake',
          messages: [{ role: 'user', content: user }],
          stream,
          tools: [{ type: 'function', function: { name: 'get_weather', description: 'weather', parameters: { type: 'object' }, parse: JSON.parse, function: (args: { city: string }) => `sunny in ${args.city}` } }],
        } as any);
        expect(await runner.finalContent()).toBe('It is sunny in Ōsaka (call call_fake_1_0).');
        expect(fake.requests).toHaveLength(2);
        expect(fake.requests[1]!.body.messages.at(-1)).toEqual({ role: 'tool', tool_call_id: 'call_fake_1_0', content: 'sunny in Ōsaka' });
      }
    });
  });

  describe('anthropic', () => {
    const tools = [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: { city: { type: 'string' } } } }];

    it('answers with text then tool_use blocks and stop_reason tool_use', async () => {
      fake.script({ reply: toolLoop });
      const res = await sdk.anthropic.messages.create({ model: 'claude-fake', max_tokens: 100, messages: [{ role: 'user', content: user }], tools });
      expect(res.stop_reason).toBe('tool_use');
      expect(res.content).toEqual([
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_fake_1_0', name: 'get_weather', input: weather.input },
      ]);
      const second = await sdk.anthropic.messages.create({
        model: 'claude-fake',
        max_tokens: 100,
        tools,
        messages: [
          { role: 'user', content: user },
          { role: 'assistant', content: res.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_fake_1_0', content: [{ type: 'text', text: '21°C' }] }] },
        ],
      });
      expect(second.content).toEqual([{ type: 'text', text: 'It is 21°C (call toolu_fake_1_0).' }]);
      expect(second.stop_reason).toBe('end_turn');
    });

    it('streams content_block_start tool_use and input_json_delta fragments; finalMessage holds the parsed input', async () => {
      fake.script({ reply: toolLoop });
      const stream = sdk.anthropic.messages.stream({ model: 'claude-fake', max_tokens: 100, messages: [{ role: 'user', content: user }], tools });
      const fragments: string[] = [];
      stream.on('inputJson', (partial) => fragments.push(partial));
      const final = await stream.finalMessage();
      expect(final.stop_reason).toBe('tool_use');
      expect(final.content).toHaveLength(2);
      expect(final.content[0]).toMatchObject({ type: 'text', text: 'Let me check.' });
      expect(final.content[1]).toEqual({ type: 'tool_use', id: 'toolu_fake_1_0', name: 'get_weather', input: weather.input });
      expect(fragments.length).toBeGreaterThanOrEqual(2);
      expect(JSON.parse(fragments.join(''))).toEqual(weather.input);
    });
  });

  describe('bedrock', () => {
    const toolConfig = { tools: [{ toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object' } } } }] };

    it('Converse answers with toolUse blocks and stopReason tool_use, then quotes the toolResult', async () => {
      fake.script({ reply: toolLoop });
      const first = await sdk.bedrock.send(new ConverseCommand({ modelId: 'anthropic.claude-fake', messages: [{ role: 'user', content: [{ text: user }] }], toolConfig }));
      expect(first.stopReason).toBe('tool_use');
      expect(first.output?.message?.content).toEqual([{ text: 'Let me check.' }, { toolUse: { toolUseId: 'tooluse_fake_1_0', name: 'get_weather', input: weather.input } }]);
      const second = await sdk.bedrock.send(
        new ConverseCommand({
          modelId: 'anthropic.claude-fake',
          toolConfig,
          messages: [
            { role: 'user', content: [{ text: user }] },
            first.output!.message!,
            { role: 'user', content: [{ toolResult: { toolUseId: 'tooluse_fake_1_0', content: [{ json: { temp: 21 } }] } }] },
          ],
        }),
      );
      expect(second.output?.message?.content).toEqual([{ text: 'It is {"temp":21} (call tooluse_fake_1_0).' }]);
    });

    it('ConverseStream sends contentBlockStart.toolUse and toolUse.input fragments', async () => {
      fake.script({ reply: toolLoop });
      const out = await sdk.bedrock.send(new ConverseStreamCommand({ modelId: 'm', messages: [{ role: 'user', content: [{ text: user }] }], toolConfig }));
      let text = '';
      const starts: unknown[] = [];
      const fragments: string[] = [];
      let stop: string | undefined;
      for await (const event of out.stream!) {
        if (event.contentBlockStart) starts.push(event.contentBlockStart);
        if (event.contentBlockDelta?.delta?.text) text += event.contentBlockDelta.delta.text;
        if (event.contentBlockDelta?.delta?.toolUse) fragments.push(event.contentBlockDelta.delta.toolUse.input!);
        if (event.messageStop) stop = event.messageStop.stopReason;
      }
      expect(text).toBe('Let me check.');
      expect(starts).toEqual([{ contentBlockIndex: 1, start: { toolUse: { toolUseId: 'tooluse_fake_1_0', name: 'get_weather' } } }]);
      expect(fragments.length).toBeGreaterThanOrEqual(2);
      expect(JSON.parse(fragments.join(''))).toEqual(weather.input);
      expect(stop).toBe('tool_use');
    });

    it('InvokeModel with the Anthropic body answers tool_use, JSON and streamed', async () => {
      fake.script({ toolCalls: [weather] });
      const body = JSON.stringify({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 100, messages: [{ role: 'user', content: user }], tools: [{ name: 'get_weather', input_schema: { type: 'object' } }] });
      const json = decodeJson((await sdk.bedrock.send(new InvokeModelCommand({ modelId: 'anthropic.claude-fake', body }))).body);
      expect(json.content).toEqual([{ type: 'tool_use', id: 'toolu_fake_1_0', name: 'get_weather', input: weather.input }]);
      expect(json.stop_reason).toBe('tool_use');

      const out = await sdk.bedrock.send(new InvokeModelWithResponseStreamCommand({ modelId: 'anthropic.claude-fake', body }));
      const events: any[] = [];
      for await (const part of out.body!) events.push(decodeJson(part.chunk?.bytes));
      expect(events.map((e) => e.type)).toEqual(['message_start', 'content_block_start', 'content_block_delta', 'content_block_delta', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
      expect(events[1].content_block).toEqual({ type: 'tool_use', id: 'toolu_fake_2_0', name: 'get_weather', input: {} });
      expect(JSON.parse(events.slice(2, 5).map((e) => e.delta.partial_json).join(''))).toEqual(weather.input);
      expect(events[6].delta.stop_reason).toBe('tool_use');
    });
  });
});
