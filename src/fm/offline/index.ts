/** The built-in offline model on the IR: extractive answers from supplied passages, honest about tools and images. */
export { OFFLINE_NO_TOOLS, offlineComplete, offlineCountTokens, offlineStream } from './answer.ts';
