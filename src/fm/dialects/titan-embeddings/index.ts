import type { IrEmbedRequest, IrEmbedResult } from '../../ir/types.ts';
import type { TargetInfo } from '../types.ts';
import { MalformedResponseError, UnsupportedFieldError } from '../errors.ts';
import { isRecord, type Json } from '../shared/json.ts';

/**
 * Bedrock Titan text embeddings (InvokeModel): one text per call,
 * `{inputText, dimensions?, normalize: true}` → `{embedding, inputTextTokenCount}`
 * (unit vectors, as OpenAI's are).
 * Token-id inputs, `user` and other OpenAI fields have no Titan form: 400.
 */
export const titanEmbeddings = Object.freeze({
  /** One InvokeModel body per input text, in order. */
  buildRequests(request: IrEmbedRequest, target: TargetInfo): Json[] {
    if (request.tokens) throw new UnsupportedFieldError('input', target, 'token-id inputs need an OpenAI-compatible model; send text');
    if (request.user !== undefined) throw new UnsupportedFieldError('user', target, 'Titan embeddings have no end-user field');
    const extra = Object.keys(request.extra ?? {})[0];
    if (extra !== undefined) throw new UnsupportedFieldError(extra, target, 'Titan embeddings cannot carry it');
    return request.input.map((inputText) => (request.dimensions !== undefined ? { inputText, dimensions: request.dimensions, normalize: true } : { inputText, normalize: true }));
  },

  /** One InvokeModel response → its vector and token count. */
  parseResult(body: unknown): { vector: number[]; inputTokens: number } {
    if (!isRecord(body) || !Array.isArray(body.embedding) || !body.embedding.every((x) => typeof x === 'number')) throw new MalformedResponseError('Titan response has no embedding array');
    return { vector: body.embedding as number[], inputTokens: typeof body.inputTextTokenCount === 'number' ? body.inputTextTokenCount : 0 };
  },

  /** The per-text responses, in request order, as one result. */
  parseResults(bodies: unknown[], model: string): IrEmbedResult {
    const parsed = bodies.map((b) => titanEmbeddings.parseResult(b));
    return { model, vectors: parsed.map((p) => p.vector), usage: { inputTokens: parsed.reduce((n, p) => n + p.inputTokens, 0) } };
  },
});
