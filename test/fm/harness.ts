/**
 * A Hashi whose FM providers are the real SDK adapters pointed at the fake
 * upstream: `bedrock` (Converse), `bedrock-native` (InvokeModel), `anthropic`
 * and `local` (OpenAI-compatible). Requests go through the HTTP routes.
 */
import { FakeClock } from '../../src/kernel/index.ts';
import type { FmConfig } from '../../src/fm/index.ts';
import type { Logger } from '../../src/observability/index.ts';
import { startFakeUpstream, type FakeUpstream } from '../support/fake-upstream/index.ts';
import { createKey, testHashi } from '../support/hashi.ts';

export const START = Date.UTC(2026, 2, 10, 9, 0, 0);
const aws = { region: 'us-east-1', credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'secret' } };

export const HAIKU_ID = 'anthropic.claude-3-haiku-20240307-v1:0';
export const SONNET_ID = 'anthropic.claude-3-sonnet-20240229-v1:0';

/** Seed 000 prices (USD per million tokens); `llama` is local and unpriced. */
export function fmConfig(fake: FakeUpstream, extra: Partial<FmConfig> = {}): FmConfig {
  const haikuPrice = { inputPerMillion: 0.25, outputPerMillion: 1.25 };
  return {
    providers: [
      { name: 'bedrock', type: 'bedrock', endpoint: fake.url, ...aws },
      { name: 'bedrock-native', type: 'bedrock-invoke', endpoint: fake.url, ...aws },
      { name: 'anthropic', type: 'anthropic', baseUrl: fake.url, apiKey: 'sk-ant-test' },
      { name: 'local', type: 'openai', baseUrl: `${fake.url}/v1`, apiKey: 'none' },
    ],
    models: {
      haiku: { provider: 'bedrock', model: HAIKU_ID, maxTokens: 512, price: haikuPrice },
      sonnet: { provider: 'bedrock', model: SONNET_ID, maxTokens: 1024, price: { inputPerMillion: 3, outputPerMillion: 15 } },
      'haiku-invoke': { provider: 'bedrock-native', model: HAIKU_ID, maxTokens: 512, price: haikuPrice },
      claude: { provider: 'anthropic', model: 'claude-haiku-4-5', maxTokens: 512, price: { inputPerMillion: 1, outputPerMillion: 5 } },
      llama: { provider: 'local', model: 'llama3.2:3b', maxTokens: 512 },
    },
    resilience: { retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 5 }, timeouts: { timeoutMs: 5000, firstByteTimeoutMs: 5000, idleTimeoutMs: 5000 } },
    ...extra,
  };
}

export type GatewayHarness = Awaited<ReturnType<typeof startGateway>>;

/** Starts a Hashi (HTTP built, not listening) over the fake; `close()` stops both. */
export async function startGateway(options: { fm?: Partial<FmConfig>; yaml?: string; fake?: FakeUpstream; clock?: FakeClock; plans?: string; logger?: Logger } = {}) {
  const fake = options.fake ?? (await startFakeUpstream());
  const clock = options.clock ?? new FakeClock(START);
  const fm = fmConfig(fake, options.fm);
  // The fake clock never refills the plan's token bucket: a generous plan keeps rate limits out of these tests.
  const plans = options.plans ?? 'plans:\n  default: { rps: 100000, burst: 100000 }\n';
  const hashi = await testHashi({ yaml: `fm: ${JSON.stringify(fm)}\n${plans}${options.yaml ?? ''}`, clock, ...(options.logger ? { logger: options.logger } : {}) });
  const key = await createKey(hashi, 'acme');
  const app = hashi.app!;
  const chat = (body: Record<string, unknown>, opts: { key?: string; headers?: Record<string, string> } = {}) =>
    app.inject({ method: 'POST', url: '/v1/chat', headers: { authorization: `Bearer ${opts.key ?? key}`, ...opts.headers }, payload: body });
  return {
    fake,
    clock,
    hashi,
    app,
    key,
    chat,
    newKey: (tenant: string) => createKey(hashi, tenant),
    async close() {
      // fetch (undici) keeps a spare connection open after an aborted request, which would hold a listening server's close().
      if (app.server.listening) app.server.closeAllConnections();
      await hashi.close();
      if (!options.fake) await fake.close();
    },
  };
}
