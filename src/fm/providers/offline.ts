import { OFFLINE_EMBED_MODEL } from './offline-embed.ts';

/**
 * The offline model's fixed words. The model itself works on the IR
 * (src/fm/offline) behind the local-provider port (offline-local.ts); it
 * never pretends to be an LLM, answers extractively from supplied passages,
 * says so plainly when it cannot, and always reports `offline/extractive`.
 */
export const OFFLINE_CHAT_MODEL = 'offline/extractive';
export { OFFLINE_EMBED_MODEL };

export const OFFLINE_NO_CONTEXT =
  "I am Hashi's offline model (offline/extractive), not a language model: I can only quote passages supplied as context, and this request had none.";
export const OFFLINE_NO_MATCH = 'None of the supplied passages answers this question.';
export const OFFLINE_NO_IMAGES = 'I am an offline model and cannot see images.';
