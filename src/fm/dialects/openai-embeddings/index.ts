import type { IrEmbedRequest, IrEmbedResult } from '../../ir/types.ts';
import type { EmbeddingsDialect, TargetInfo } from '../types.ts';
import { DialectRequestError, MalformedResponseError } from '../errors.ts';
import { extraFields, isRecord, optInteger, optString, present, setIf, string, type Json } from '../shared/json.ts';
import { base64ToVector, vectorToBase64 } from './vectors.ts';

const MODELLED = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user']);

/**
 * OpenAI Embeddings as a client dialect (`POST /v1/embeddings`) and a
 * provider dialect (OpenAI-compatible servers). Token-id inputs are kept in
 * `tokens`: this builder forwards them, other targets refuse them.
 */
export const openAIEmbeddings: EmbeddingsDialect = Object.freeze({
  parseRequest(body: Json): IrEmbedRequest {
    const ir: IrEmbedRequest = { model: string(body.model, 'model'), input: [] };
    const input = body.input;
    if (typeof input === 'string') ir.input = [nonEmpty(input, 'input')];
    else if (Array.isArray(input) && input.length > 0 && input.every((x) => typeof x === 'string')) ir.input = input.map((x, i) => nonEmpty(x as string, `input[${i}]`));
    else if (Array.isArray(input) && input.length > 0 && input.every(isTokenId)) ir.tokens = [input as number[]];
    else if (Array.isArray(input) && input.length > 0 && input.every((x) => Array.isArray(x) && x.length > 0 && x.every(isTokenId))) ir.tokens = input as number[][];
    else throw new DialectRequestError('input', 'input must be a non-empty string, an array of non-empty strings, or token ids (an array of integers, or an array of such arrays)');
    if (present(body.encoding_format)) {
      if (body.encoding_format !== 'float' && body.encoding_format !== 'base64') throw new DialectRequestError('encoding_format', "encoding_format must be 'float' or 'base64'");
      ir.encodingFormat = body.encoding_format;
    }
    setIf(ir, 'dimensions', optInteger(body.dimensions, 'dimensions', 1));
    setIf(ir, 'user', optString(body.user, 'user'));
    setIf(ir, 'extra', extraFields(body, MODELLED));
    return ir;
  },

  renderResult(result: IrEmbedResult, info: { model: string; encodingFormat: 'float' | 'base64' }): Json {
    return {
      object: 'list',
      data: result.vectors.map((v, index) => ({ object: 'embedding', index, embedding: info.encodingFormat === 'base64' ? vectorToBase64(v) : v })),
      model: info.model,
      usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
    };
  },

  /** Floats are asked for: every compatible server speaks them; parseResult reads base64 too. */
  buildRequest(request: IrEmbedRequest, target: TargetInfo): Json {
    const body: Json = { ...(request.extra ?? {}), model: target.modelId, input: request.tokens ?? request.input, encoding_format: 'float' };
    setIf(body, 'dimensions', request.dimensions);
    setIf(body, 'user', request.user);
    return body;
  },

  parseResult(body: unknown): IrEmbedResult {
    if (!isRecord(body) || !Array.isArray(body.data)) throw new MalformedResponseError('embeddings response has no data array');
    const rows = body.data.map((d, i) => {
      if (!isRecord(d)) throw new MalformedResponseError(`embeddings data[${i}] is not an object`);
      const index = typeof d.index === 'number' ? d.index : i;
      if (typeof d.embedding === 'string') return { index, vector: base64ToVector(d.embedding) };
      if (Array.isArray(d.embedding) && d.embedding.every((x) => typeof x === 'number')) return { index, vector: d.embedding as number[] };
      throw new MalformedResponseError(`embeddings data[${i}].embedding is neither floats nor base64`);
    });
    rows.sort((a, b) => a.index - b.index);
    const usage = isRecord(body.usage) && typeof body.usage.prompt_tokens === 'number' ? body.usage.prompt_tokens : 0;
    return { model: typeof body.model === 'string' ? body.model : '', vectors: rows.map((r) => r.vector), usage: { inputTokens: usage } };
  },
});

const isTokenId = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

function nonEmpty(text: string, path: string): string {
  if (text === '') throw new DialectRequestError(path, `${path} must not be empty`);
  return text;
}

export { base64ToVector, vectorToBase64 };
