import { passageOf } from '../catalog/product.ts';
import { getProducts } from '../catalog/repository.ts';
import type { MangaContext } from '../context.ts';
import { touchCustomer } from '../customers/activity.ts';
import { publishAll } from '../handlers/publish.ts';
import type { FmRequest, FmStreamEvent, Language, Product } from '../types.ts';
import { chatSystemPrompt, citedIds, needsRetrieval, retrievalQuery } from './answer.ts';
import { appendMessage, recentMessages, touchSession, type SessionKey } from './history.ts';

export const CHAT_SOURCE = 'mangaassist.chat';

export interface TurnInput {
  tenant: string;
  keyId: string;
  customerId?: string;
  session_id: string;
  message: string;
  language: Language;
  channel: 'web' | 'mobile' | 'api';
}

export interface ProductCard {
  id: string;
  title: string;
  volume: number;
  author: string;
  language: Language;
  price: number;
  currency: string;
  stock: number;
  /** True when the answer cites this product. */
  cited: boolean;
}

/** A turn after retrieval, before the model: what to ask and what was found. */
export interface PreparedTurn {
  key: SessionKey;
  input: TurnInput;
  request: FmRequest;
  products: Product[];
  messageId: string;
}

const card = (p: Product, cited: boolean): ProductCard => ({
  id: p.id,
  title: p.title,
  volume: p.volume,
  author: p.author,
  language: p.language,
  price: p.price,
  currency: p.currency,
  stock: p.stock,
  cited,
});

/**
 * Stores the user's message and publishes MessageReceived in one
 * transaction, then retrieves catalogue products and store information for
 * the question and builds the model request (history + message + passages).
 */
export async function prepareTurn(ctx: MangaContext, input: TurnInput): Promise<PreparedTurn> {
  const key = { tenant: input.tenant, session_id: input.session_id };
  const s = ctx.settings.chat;
  const now = ctx.clock.now();
  const history = await recentMessages(ctx.store.db, key, s.historyMessages);
  const messageId = await ctx.store.transaction(async (tx) => {
    await touchSession(tx, key, { ...(input.customerId ? { customer_id: input.customerId } : {}), language: input.language, channel: input.channel }, now);
    const id = await appendMessage(tx, key, { role: 'user', content: input.message }, now);
    await publishAll(
      ctx.bus,
      [
        {
          Source: CHAT_SOURCE,
          DetailType: 'MessageReceived',
          Detail: { session_id: input.session_id, user_id: input.customerId ?? input.keyId, message: input.message, language: input.language, channel: input.channel, message_id: id, processing_stage: 'raw' },
        },
      ],
      tx,
    );
    return id;
  });
  const hits = needsRetrieval(input.message) ? await ctx.products.search(retrievalQuery(input.message, history), { maxResults: s.passages }) : [];
  const found = await getProducts(ctx.store.db, hits.filter((h) => h.kind === 'product').map((h) => h.id));
  const products = hits.flatMap((h) => (found.has(h.id) ? [found.get(h.id)!] : []));
  const context = hits.flatMap((h) => {
    if (h.kind === 'info') return ctx.products.info(h.id) ?? [];
    const p = found.get(h.id);
    return p ? [passageOf(p)] : [];
  });
  const request: FmRequest = {
    model: ctx.settings.models.chat,
    system: chatSystemPrompt(input.language),
    messages: [...history.map((h) => ({ role: h.role, content: h.content })), { role: 'user', content: input.message }],
    maxTokens: s.maxTokens,
    ...(context.length > 0 ? { context } : {}),
  };
  return { key, input, request, products, messageId };
}

export interface TurnResult {
  session_id: string;
  message_id: string;
  answer: string;
  products: ProductCard[];
  model: string;
  cached: boolean;
  usage: { input_tokens: number; output_tokens: number };
}

/** Stores the answer and remembers what the customer was shown (for recommendations). */
export async function finishTurn(ctx: MangaContext, turn: PreparedTurn, answer: string, done: { model: string; cached: boolean; usage: { inputTokens: number; outputTokens: number } }): Promise<TurnResult> {
  const cited = citedIds(answer, new Set(turn.products.map((p) => p.id)));
  const ordered = [...cited.map((id) => turn.products.find((p) => p.id === id)!), ...turn.products.filter((p) => !cited.includes(p.id))];
  const now = ctx.clock.now();
  const id = await ctx.store.transaction(async (tx) => {
    const messageId = await appendMessage(tx, turn.key, { role: 'assistant', content: answer, product_ids: ordered.map((p) => p.id), model: done.model }, now);
    if (turn.input.customerId && ordered.length > 0) await touchCustomer(tx, turn.input.customerId, cited.length > 0 ? cited : ordered.slice(0, 3).map((p) => p.id), now);
    return messageId;
  });
  return {
    session_id: turn.input.session_id,
    message_id: id,
    answer,
    products: ordered.map((p) => card(p, cited.includes(p.id))),
    model: done.model,
    cached: done.cached,
    usage: { input_tokens: done.usage.inputTokens, output_tokens: done.usage.outputTokens },
  };
}

/** One turn, answered in full. */
export async function chatTurn(ctx: MangaContext, input: TurnInput, signal: AbortSignal): Promise<TurnResult> {
  const turn = await prepareTurn(ctx, input);
  const result = await ctx.fm.complete(turn.request, { tenant: input.tenant, keyId: input.keyId, sessionId: input.session_id, signal });
  return finishTurn(ctx, turn, result.text, result);
}

/** One turn, streamed: `meta` (products found), then the model's deltas, then the stored result. */
export async function* chatTurnStream(ctx: MangaContext, input: TurnInput, signal: AbortSignal): AsyncGenerator<
  { type: 'meta'; session_id: string; products: ProductCard[] } | FmStreamEvent | { type: 'result'; result: TurnResult }
> {
  const turn = await prepareTurn(ctx, input);
  const stream = await ctx.fm.stream(turn.request, { tenant: input.tenant, keyId: input.keyId, sessionId: input.session_id, signal });
  yield { type: 'meta', session_id: input.session_id, products: turn.products.map((p) => card(p, false)) };
  let text = '';
  for await (const event of stream) {
    if (event.type === 'delta') {
      text += event.text;
      yield event;
    } else {
      yield { type: 'result', result: await finishTurn(ctx, turn, text, event) };
    }
  }
}
