import { describe, expect, it } from 'vitest';
import { toGatewayRequest } from './chat-request.ts';
import { completionRequest } from './openai/to-request.ts';
import { finishReason } from './openai/to-response.ts';

const IMG = { media_type: 'image/png', data: 'iVBORw0KGgo=' };

describe('toGatewayRequest (POST /v1/chat body → gateway request)', () => {
  it('maps the simple form: message, system, images and parameters', () => {
    expect(toGatewayRequest({ message: 'What is this?', system: 'Be brief.', images: [IMG], max_tokens: 50, temperature: 0, top_p: 0.9, stop: ['END'], model: 'auto' })).toEqual({
      model: 'auto',
      system: 'Be brief.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' }] }],
      maxTokens: 50,
      temperature: 0,
      topP: 0.9,
      stopSequences: ['END'],
    });
  });

  it('attaches images to the last message of a conversation, and appends `message` after `messages`', () => {
    const withImages = toGatewayRequest({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }], images: [IMG] });
    const appended = toGatewayRequest({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }], message: 'c' });

    expect(withImages.messages[2]!.content).toEqual([{ type: 'text', text: 'c' }, { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' }]);
    expect(appended.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });

  it('refuses a conversation that does not end with the user', () => {
    expect(() => toGatewayRequest({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] })).toThrow(/must be user/);
  });
});

describe('completionRequest (OpenAI body → gateway request)', () => {
  it('joins system and developer messages into the system prompt and prefers max_completion_tokens', () => {
    const request = completionRequest({
      model: 'sonnet',
      messages: [{ role: 'system', content: 'A' }, { role: 'developer', content: [{ type: 'text', text: 'B' }] }, { role: 'user', content: 'hi' }],
      max_tokens: 10,
      max_completion_tokens: 20,
      stop: 'END',
    });

    expect(request).toEqual({ model: 'sonnet', system: 'A\n\nB', messages: [{ role: 'user', content: 'hi' }], maxTokens: 20, stopSequences: ['END'] });
  });

  it('refuses tools, tool messages, remote image URLs and a last message that is not the user’s', () => {
    const user = { role: 'user' as const, content: 'hi' };
    expect(() => completionRequest({ model: 'm', messages: [user], tools: [{}] })).toThrow(/tools/);
    expect(() => completionRequest({ model: 'm', messages: [user, { role: 'tool', content: 'x' }] })).toThrow(/tool messages/);
    expect(() => completionRequest({ model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] }] })).toThrow(/data: URL/);
    expect(() => completionRequest({ model: 'm', messages: [user, { role: 'assistant', content: 'x' }] })).toThrow(/last message/);
  });

  it('maps stop reasons to OpenAI finish reasons', () => {
    expect(['end_turn', 'stop_sequence', 'max_tokens', 'tool_use', 'content_filter', 'other'].map((s) => finishReason(s as never))).toEqual(['stop', 'stop', 'length', 'tool_calls', 'content_filter', 'stop']);
  });
});
