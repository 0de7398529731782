import type { GatewayStream } from '../../pipeline/index.ts';
import { wireError } from '../errors.ts';
import { openAIError } from './errors.ts';
import { chunkBuilder } from './to-response.ts';

const data = (value: unknown) => `data: ${JSON.stringify(value)}\n\n`;

/**
 * The SSE body of a streamed completion: a role chunk, content chunks, the
 * finish chunk, the usage chunk when asked, then `data: [DONE]`. A stream
 * that breaks after it started ends with an error chunk instead (the OpenAI
 * SDKs throw on it) and no [DONE].
 */
export async function* completionChunks(stream: GatewayStream, info: { id: string; created: number; includeUsage: boolean; onEnd: () => void }): AsyncGenerator<string> {
  const chunks = chunkBuilder(info.id, info.created, stream.meta.model, info.includeUsage);
  let finished = false;
  try {
    yield data(chunks.role());
    for (;;) {
      let next;
      try {
        next = await stream.next();
      } catch (err) {
        finished = true;
        yield data(openAIError(wireError(err)));
        return;
      }
      if (next.done) {
        finished = true;
        yield data(openAIError({ status: 502, code: 'FM_STREAM_INTERRUPTED', message: 'The model stream ended without its final event' }));
        return;
      }
      const event = next.value;
      if (event.type === 'delta') {
        yield data(chunks.delta(event.text));
        continue;
      }
      finished = true;
      yield data(chunks.finish(event));
      if (info.includeUsage) yield data(chunks.usage(event));
      yield 'data: [DONE]\n\n';
      return;
    }
  } finally {
    if (!finished) await stream.return().catch(() => undefined);
    info.onEnd();
  }
}
