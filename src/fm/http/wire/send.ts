import type { FastifyReply } from 'fastify';
import type { ClientDialect } from '../../dialects/index.ts';
import type { OpenedCall } from '../../pipeline/index.ts';
import { drain } from '../../resilience/index.ts';
import { sendEventStream } from '../sse.ts';
import { errorInfo } from './errors.ts';

function headers(reply: FastifyReply, opened: OpenedCall): void {
  reply.header('x-hashi-model', opened.meta.model).header('x-hashi-provider', opened.meta.provider).header('x-hashi-cached', String(opened.meta.cached));
}

/** A whole answer: the JSON body (the provider's own bytes in pass-through), with cost once known. */
export async function sendWireJson(reply: FastifyReply, opened: OpenedCall): Promise<FastifyReply> {
  const { text } = await drain(opened.stream);
  headers(reply, opened);
  const cost = opened.state.costUsd;
  reply.header('x-hashi-cost-usd', cost === null ? 'unpriced' : String(cost));
  return reply.type('application/json').send(text);
}

/**
 * A streamed answer: the pieces as they arrive (pulled as the socket drains,
 * so a slow client slows the upstream instead of filling memory). A failure
 * after the first byte ends the stream with the dialect's own error event —
 * never a silent clean end; a client that leaves cancels the upstream call.
 */
export function sendWireStream(reply: FastifyReply, opened: OpenedCall, dialect: Pick<ClientDialect, 'streamError'>, onEnd: () => void): FastifyReply {
  headers(reply, opened);
  return sendEventStream(reply, wireText(opened, dialect, onEnd));
}

async function* wireText(opened: OpenedCall, dialect: Pick<ClientDialect, 'streamError'>, onEnd: () => void): AsyncGenerator<string> {
  const { stream } = opened;
  let finished = false;
  try {
    for (;;) {
      let next;
      try {
        next = await stream.next();
      } catch (err) {
        finished = true;
        yield dialect.streamError(errorInfo(err));
        return;
      }
      if (next.done) {
        finished = true;
        yield dialect.streamError({ status: 502, code: 'FM_STREAM_INTERRUPTED', message: 'The model stream ended without its final event' });
        return;
      }
      if (next.value.type === 'data') {
        yield next.value.data;
        continue;
      }
      finished = true;
      return;
    }
  } finally {
    if (!finished) await stream.return().catch(() => undefined);
    onEnd();
  }
}
