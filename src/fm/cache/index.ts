export { ResponseCache, RESPONSE_CACHE_DEFAULTS } from './response-cache.ts';
export type { ResponseCacheOptions } from './response-cache.ts';
export { cacheKeyOf, cacheScope, CACHE_KEY_VERSION } from './key.ts';
export { AnswerRecorder, CACHEABLE_STOP_REASONS, isCacheable, parseAnswer, replayEvents } from './answer.ts';
export type { CachedAnswer } from './answer.ts';
