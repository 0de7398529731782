import type { WireFrame } from './types.ts';

/**
 * Test support: hands encoder output to the official SDKs through their own
 * `fetch` option, so their real SSE parsers and accumulators read it, and
 * splits SSE text back into frames for the decoders.
 */
export function fakeFetch(answer: { sse?: string; json?: unknown; status?: number; chunkSize?: number }): typeof fetch {
  return async () => {
    if (answer.sse !== undefined) {
      const bytes = new TextEncoder().encode(answer.sse);
      const size = answer.chunkSize ?? 7;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          // Small odd-sized chunks: events and even UTF-8 characters arrive split, as on a real socket.
          for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
          controller.close();
        },
      });
      return new Response(body, { status: answer.status ?? 200, headers: { 'content-type': 'text/event-stream' } });
    }
    return new Response(JSON.stringify(answer.json), { status: answer.status ?? 200, headers: { 'content-type': 'application/json', 'request-id': 'req_test' } });
  };
}

/** SSE text → frames (`event:` and the joined `data:` lines), the shape the transport hands a decoder. */
export function framesOf(sse: string): WireFrame[] {
  const frames: WireFrame[] = [];
  for (const block of sse.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (data.length > 0) frames.push(event === undefined ? { data: data.join('\n') } : { event, data: data.join('\n') });
  }
  return frames;
}
