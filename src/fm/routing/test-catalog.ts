/** The catalog this folder's tests route over (seed 000 prices). */
import { createCatalog } from '../catalog/index.ts';

export const testCatalog = () =>
  createCatalog({
    haiku: { provider: 'bedrock', model: 'anthropic.claude-3-haiku-20240307-v1:0', price: { inputPerMillion: 0.25, outputPerMillion: 1.25 } },
    sonnet: { provider: 'bedrock', model: 'anthropic.claude-3-sonnet-20240229-v1:0', maxTokens: 2048, price: { inputPerMillion: 3, outputPerMillion: 15 } },
    'haiku-direct': { provider: 'anthropic', model: 'claude-3-haiku-20240307' },
    llama: { provider: 'local-ollama', model: 'llama3.2:3b' },
  });
