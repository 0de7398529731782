import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './protocol.ts';
import { compileTurnKinds, type WsTurnKind } from './turn-kinds.ts';

const kind = (type: string): WsTurnKind => ({
  type,
  schema: { type: 'object', required: ['q'], properties: { q: { type: 'string', maxLength: 5 }, lang: { enum: ['ja', 'en'], default: 'en' } } },
  run: async function* () {
    yield { type: 'complete' };
  },
});

describe('app turn kinds on the gateway WebSocket', () => {
  it('must be namespaced, lower case, not a built-in type, and registered once', () => {
    for (const bad of ['chat', 'cancel', 'manga', 'Manga.chat', '.chat', 'manga.']) expect(() => compileTurnKinds([kind(bad)])).toThrow(/must look like/);
    expect(() => compileTurnKinds([kind('manga.chat'), kind('manga.chat')])).toThrow(/registered twice/);
  });

  it("parse frames of their type with the app's schema, applying defaults, and list every problem", () => {
    const kinds = compileTurnKinds([kind('shop.ask')]);
    expect(parseClientMessage('{"type":"shop.ask","id":"a","q":"hi"}', kinds)).toMatchObject({ type: 'app', frame: { type: 'shop.ask', id: 'a', q: 'hi', lang: 'en' } });
    expect(() => parseClientMessage('{"type":"shop.ask","q":"too long","lang":"fr","x":1}', kinds)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ path: 'q' }), expect.objectContaining({ path: 'lang' }), expect.objectContaining({ path: 'x' })]) }));
    expect(() => parseClientMessage('{"type":"shop.other"}', kinds)).toThrow('message type must be "chat", "cancel", "ping" or "shop.ask"');
    expect(() => parseClientMessage('{"type":"shop.ask","q":"hi"}')).toThrow('message type must be "chat", "cancel" or "ping"');
  });
});
