import type { GatewayContext, GatewayRequest, GatewayResult, GatewayStream, GatewayStreamEvent } from './pipeline/index.ts';
import type { SessionStore } from './sessions/index.ts';
import type { ChatMessage } from './types.ts';

type Call<T> = (request: GatewayRequest) => Promise<T>;

/**
 * A chat turn on a session: the stored history goes before the new messages,
 * and once the answer completes the turn (new messages + answer) is appended.
 * Without a session id the call runs as it is. Appending never fails the
 * answer the caller already has; a failure goes to `onError`.
 */
export function withSessionTurn(sessions: SessionStore, request: GatewayRequest, ctx: GatewayContext, call: Call<GatewayResult>, onError: (err: unknown) => void): Promise<GatewayResult>;
export function withSessionTurn(sessions: SessionStore, request: GatewayRequest, ctx: GatewayContext, call: Call<GatewayStream>, onError: (err: unknown) => void): Promise<GatewayStream>;
export async function withSessionTurn(
  sessions: SessionStore,
  request: GatewayRequest,
  ctx: GatewayContext,
  call: Call<GatewayResult | GatewayStream>,
  onError: (err: unknown) => void,
): Promise<GatewayResult | GatewayStream> {
  const sessionId = ctx.sessionId;
  if (!sessionId) return call(request);
  const history = await sessions.history(ctx.tenant, sessionId);
  const out = await call({ ...request, messages: [...history, ...request.messages] });
  const append = async (answer: string) => {
    const turn: ChatMessage[] = [...request.messages, { role: 'assistant', content: answer }];
    await sessions.appendTurn(ctx.tenant, sessionId, turn).catch(onError);
  };
  if (!isStream(out)) {
    await append(out.text);
    return out;
  }
  return appendingStream(out, append);
}

function isStream(value: GatewayResult | GatewayStream): value is GatewayStream {
  return typeof (value as GatewayStream).next === 'function';
}

/** Passes events through, collecting the text; the turn is stored before `done` reaches the caller. */
function appendingStream(inner: GatewayStream, append: (answer: string) => Promise<void>): GatewayStream {
  let text = '';
  const stream: GatewayStream = {
    meta: inner.meta,
    async next(): Promise<IteratorResult<GatewayStreamEvent, undefined>> {
      const r = await inner.next();
      if (r.done) return r;
      if (r.value.type === 'delta') text += r.value.text;
      else await append(text);
      return r;
    },
    return: () => inner.return(),
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
