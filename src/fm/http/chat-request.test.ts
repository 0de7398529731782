import { describe, expect, it } from 'vitest';
import { toGatewayRequest } from './chat-request.ts';

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
