import { chatTurnStream } from '../chat/turn.ts';
import type { MangaContext } from '../context.ts';
import type { Language, WsTurn, WsTurnEvent } from '../types.ts';
import { chatBodySchema } from './schemas.ts';

/**
 * The MangaAssist chat turn on the gateway's WebSocket (`/v1/chat/ws`):
 * `{"type":"manga.chat", "id"?, "session_id", "message", "language"?, "channel"?}`
 * answers `start` (session and the products found, before the first token),
 * `chunk`s of the answer, then `complete` with the stored result — the same
 * turn as POST /manga/v1/chat and its SSE stream, with the socket's
 * authentication, cancel, keep-alive and backpressure.
 */
export function chatWsTurn(ctx: MangaContext): WsTurn {
  return {
    type: 'manga.chat',
    schema: { type: 'object', properties: chatBodySchema.properties, required: chatBodySchema.required },
    async *run(frame, caller, signal): AsyncGenerator<WsTurnEvent> {
      const body = frame as { session_id: string; message: string; language: Language; channel: 'web' | 'mobile' | 'api' };
      const input = {
        tenant: caller.tenant,
        keyId: caller.keyId,
        ...(caller.customerId ? { customerId: caller.customerId } : {}),
        session_id: body.session_id,
        message: body.message,
        language: body.language,
        channel: body.channel,
      };
      for await (const e of chatTurnStream(ctx, input, signal)) {
        if (e.type === 'meta') yield { type: 'start', data: { session_id: e.session_id, products: e.products } };
        else if (e.type === 'delta') yield { type: 'chunk', text: e.text };
        else if (e.type === 'result') yield { type: 'complete', data: { ...e.result } };
      }
    },
  };
}
