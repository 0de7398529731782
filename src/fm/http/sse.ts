import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** One server-sent event. */
export const sseFrame = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/**
 * Sends an event stream. The frames are pulled as the socket drains (a slow
 * client slows the upstream instead of filling memory); when the client goes
 * away Fastify destroys the readable, which returns the generator.
 */
export function sendEventStream(reply: FastifyReply, frames: AsyncGenerator<string>): FastifyReply {
  reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .header('x-accel-buffering', 'no');
  return reply.send(Readable.from(frames, { objectMode: false, highWaterMark: 16 * 1024 }));
}

export function wantsEventStream(accept: string | undefined): boolean {
  return typeof accept === 'string' && accept.includes('text/event-stream');
}
