import type { ClientDialect, RenderInfo, StreamEncoder } from '../dialects/types.ts';
import type { IrResult } from '../ir/types.ts';

/** How an exchange writes IR answers for its caller (translation and local models; pass-through needs none). */
export interface ClientOutput {
  /** A whole answer → the text the caller receives (a JSON body, or plain text for the native API). */
  result(result: IrResult): string;
  encoder(): StreamEncoder;
  /**
   * One piece per event rather than per upstream chunk: the native API's
   * callers (SSE `chunk` events, WebSocket frames, apps) see each token as
   * it was produced. Wire dialects take the chunk whole, as the provider sent it.
   */
  perEvent?: boolean;
}

/** Hashi's native API: the answer's text, and its text deltas as they come. */
export const nativeOutput: ClientOutput = {
  result: (result) => {
    let text = '';
    for (const part of result.content) if (part.type === 'text') text += part.text;
    return text;
  },
  encoder: () => ({ write: (event) => (event.type === 'text' ? event.text : '') }),
  perEvent: true,
};

/** A wire dialect's rendering; `info(modelId)` names the response. */
export function wireOutput(dialect: ClientDialect, info: (modelId: string) => RenderInfo, modelId: string): ClientOutput {
  return {
    result: (result) => JSON.stringify(dialect.renderResult(result, info(modelId))),
    encoder: () => dialect.encoder(info(modelId)),
  };
}
