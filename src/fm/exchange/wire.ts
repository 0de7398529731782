import { ulid } from '../../kernel/index.ts';
import type { CatalogEntry } from '../catalog/index.ts';
import { CHARS_PER_TOKEN } from '../cost/index.ts';
import type { ChatDialectName, ClientDialect, ProviderDialect, RenderInfo, TargetInfo } from '../dialects/types.ts';
import type { IrRequest } from '../ir/types.ts';
import { anthropicHasImages, anthropicMaxTokens, latestUserText, openaiHasImages, openaiMaxTokens } from './inspect.ts';
import { localAttempt } from './local.ts';
import { wireOutput } from './output.ts';
import { passThrough, type PassThroughDialect } from './pass-through.ts';
import { translatedAttempt } from './translate.ts';
import type { AttemptTarget, Exchange, Piece } from './types.ts';

export interface WireDialects {
  client(name: PassThroughDialect): ClientDialect;
  provider(name: ChatDialectName): ProviderDialect;
}

export interface WireExchangeInit {
  dialect: PassThroughDialect;
  /** The client's parsed JSON body. */
  body: Record<string, unknown>;
  /** The body's text as the client sent it: what pass-through forwards (only the model swapped). */
  raw?: string;
  /** The body's size in bytes (content-length), for estimating input tokens. */
  bodyBytes: number;
  /** Anthropic `anthropic-beta` features. */
  betas?: string[];
  /** Epoch ms now (response ids and `created`). */
  now: number;
  dialects: WireDialects;
}

export function targetOf(entry: CatalogEntry): TargetInfo {
  const target: TargetInfo = { modelId: entry.modelId, alias: entry.alias, provider: entry.provider, maxTokens: entry.maxTokens };
  if (entry.temperature !== undefined) target.temperature = entry.temperature;
  if (entry.topP !== undefined) target.topP = entry.topP;
  return target;
}

/**
 * A call in a wire dialect (OpenAI Chat Completions or Anthropic Messages).
 * Each attempt passes the body through when the candidate's provider speaks
 * the same dialect, and translates through the IR (parsed once, on first
 * need) when it does not.
 */
export function createWireExchange(init: WireExchangeInit): Exchange {
  const { body, dialect } = init;
  const openai = dialect === 'openai-chat';
  const mode = body.stream === true ? 'stream' : 'complete';
  const id = openai ? `chatcmpl-${ulid(init.now).toLowerCase()}` : `msg_${ulid(init.now)}`;
  const info = (model: string): RenderInfo => ({
    id,
    created: Math.floor(init.now / 1000),
    model,
    includeUsage: ((body.stream_options ?? {}) as { include_usage?: unknown }).include_usage === true,
  });
  let ir: IrRequest | undefined;
  const irOf = (): IrRequest => (ir ??= init.dialects.client(dialect).parseRequest(body));
  const estimatedInputTokens = Math.ceil(init.bodyBytes / CHARS_PER_TOKEN);

  return {
    mode,
    dialect,
    model: typeof body.model === 'string' ? body.model : undefined,
    hasImages: openai ? openaiHasImages(body) : anthropicHasImages(body),
    estimatedInputTokens,
    maxTokens: openai ? openaiMaxTokens(body) : anthropicMaxTokens(body),
    latestUserText: () => latestUserText(body),
    cacheMaterial: (entry) => ({ d: dialect, p: entry.provider, b: { ...body, model: entry.modelId } }),
    source(t: AttemptTarget): AsyncIterator<Piece, undefined> {
      const p = t.provider;
      const betas = init.betas?.length ? init.betas : undefined;
      if (p.kind === 'http' && p.passThrough === dialect) {
        return passThrough({ dialect, body, ...(init.raw !== undefined ? { raw: init.raw } : {}), stream: mode === 'stream', estimatedInputTokens, ...(betas ? { betas } : {}) }, p, t);
      }
      const request = irOf();
      const output = wireOutput(init.dialects.client(dialect), info, t.entry.modelId);
      if (p.kind === 'local') return localAttempt(request, p, targetOf(t.entry), t, output);
      return translatedAttempt(request, p, init.dialects.provider(p.dialect), targetOf(t.entry), t, output, betas);
    },
  };
}
