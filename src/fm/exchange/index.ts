/**
 * Exchanges: one client call as the pipeline runs it — pass-through when a
 * candidate's provider speaks the client's dialect, translation through the
 * IR when it does not, in-process models on the IR directly.
 */
export { createWireExchange, targetOf, type WireDialects, type WireExchangeInit } from './wire.ts';
export { createNativeExchange, type GatewayRequest } from './native.ts';
export type { AttemptMeter, AttemptTarget, Exchange, ExchangeDialect, Outcome, Piece } from './types.ts';
export type { PassThroughDialect } from './pass-through.ts';
export { forwardable } from './forward.ts';
export { createEmbeddingsExchange, type EmbeddingsExchangeInit } from './embeddings.ts';
