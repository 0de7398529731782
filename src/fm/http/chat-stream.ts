import type { GatewayStream } from '../pipeline/index.ts';
import { startPayload, summary } from './chat-response.ts';
import { wireError } from './errors.ts';
import { sseFrame } from './sse.ts';

export interface ChatStreamInfo {
  id: string;
  sessionId: string | undefined;
  /** Total gateway overhead so far, read when the stream completes. */
  overheadMs: () => number;
  /** Runs once the stream is over (done, error or client gone). */
  onEnd: () => void;
}

/**
 * The SSE frames of a chat answer: `start`, one `chunk` per token delta, then
 * `complete` with usage and cost — or `error` when the stream breaks after it
 * started (never a silent clean end). Returning early (client gone) cancels
 * the upstream call.
 */
export async function* chatEventFrames(stream: GatewayStream, info: ChatStreamInfo): AsyncGenerator<string> {
  let finished = false;
  try {
    yield sseFrame('start', startPayload(info.id, stream.meta, info.sessionId));
    for (;;) {
      let next;
      try {
        next = await stream.next();
      } catch (err) {
        finished = true;
        yield sseFrame('error', { id: info.id, error: wireError(err) });
        return;
      }
      if (next.done) {
        finished = true;
        yield sseFrame('error', { id: info.id, error: { status: 502, code: 'FM_STREAM_INTERRUPTED', message: 'The model stream ended without its final event' } });
        return;
      }
      const event = next.value;
      if (event.type === 'delta') {
        yield sseFrame('chunk', { text: event.text });
        continue;
      }
      finished = true;
      yield sseFrame('complete', { id: info.id, ...summary(event), overhead_ms: info.overheadMs(), ...(info.sessionId ? { session_id: info.sessionId } : {}) });
      return;
    }
  } finally {
    if (!finished) await stream.return().catch(() => undefined);
    info.onEnd();
  }
}
