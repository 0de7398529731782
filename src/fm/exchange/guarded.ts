import { attemptFailure } from '../providers/stream-failure.ts';
import type { Piece } from './types.ts';

/** Runs an HTTP attempt, turning its failures into ProviderErrors that know whether pieces already reached the caller. */
export async function* guarded(provider: string, signal: AbortSignal, inner: AsyncGenerator<Piece, undefined>): AsyncGenerator<Piece, undefined> {
  let yielded = 0;
  try {
    for (;;) {
      const next = await inner.next();
      if (next.done) return undefined;
      if (next.value.type === 'data') yielded += 1;
      yield next.value;
    }
  } catch (err) {
    throw attemptFailure(provider, err, yielded, signal);
  } finally {
    await inner.return(undefined);
  }
}
