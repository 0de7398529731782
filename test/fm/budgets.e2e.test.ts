import { afterEach, describe, expect, it } from 'vitest';
import type { FmConfig } from '../../src/fm/index.ts';
import { storeBackends } from '../support/backends.ts';
import { startGateway, type GatewayHarness } from './harness.ts';
import { pgStoreYaml } from './pg.ts';

for (const backend of storeBackends) {
  describe(`budgets through HTTP [${backend.name}]`, () => {
    let h: GatewayHarness | undefined;
    let drop: () => Promise<void> = async () => undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
      await drop();
    });

    const start = async (budgets: FmConfig['budgets']) => {
      const pg = backend.name === 'postgres' ? pgStoreYaml() : { yaml: '', drop: async () => undefined };
      drop = pg.drop;
      h = await startGateway({ fm: { budgets }, yaml: pg.yaml });
      return h;
    };

    it('never lets concurrent requests overspend a key budget; refusals are 429 naming the budget, with Retry-After', async () => {
      // claude: $1 / $5 per million; max_tokens 1000 holds ≈ $0.005005 each, so $0.021 fits four at once.
      const g = await start({ key: { dailyUsd: 0.021 } });
      // Slow enough that all ten overlap even on a loaded machine: no hold is settled before the last reserve.
      g.fake.script({ latencyMs: 2_000, usage: { inputTokens: 10, outputTokens: 10 } });

      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => g.chat({ message: `hi ${i}`, model: 'claude', max_tokens: 1000 })));

      const ok = answers.filter((a) => a.statusCode === 200);
      const refused = answers.filter((a) => a.statusCode === 429);
      expect([ok.length, refused.length]).toEqual([4, 6]);
      expect(refused[0]!.json().error).toMatchObject({ code: 'FM_BUDGET_EXCEEDED', details: { budget: 'key daily', limitUsd: 0.021 } });
      expect(refused[0]!.json().error.message).toMatch(/key daily/);
      expect(Number(refused[0]!.headers['retry-after'])).toBe(15 * 3600);
      expect(g.fake.requests).toHaveLength(4);

      // Settled at the real cost (10 + 10 tokens), the budget has room again.
      const after = await g.chat({ message: 'after', model: 'claude', max_tokens: 1000 });
      expect(after.statusCode).toBe(200);
    });

    it('refuses by the tenant monthly budget before any upstream call, for JSON and SSE alike', async () => {
      const g = await start({ tenant: { monthlyUsd: 0.000001 } });

      const json = await g.chat({ message: 'hi', model: 'claude' });
      const sse = await g.chat({ message: 'hi', model: 'claude' }, { headers: { accept: 'text/event-stream' } });

      for (const res of [json, sse]) {
        expect(res.statusCode).toBe(429);
        expect(res.json().error.details.budget).toBe('tenant monthly');
      }
      expect(g.fake.requests).toHaveLength(0);
    });

    it('refuses an unpriced model under a USD budget (403 naming the model and the fix), before any upstream call', async () => {
      const g = await start({ key: { dailyUsd: 5 } });

      const res = await g.chat({ message: 'hi', model: 'llama' });

      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({ code: 'FM_MODEL_UNPRICED', details: { models: ['llama'], budget: 'key daily' } });
      expect(res.json().error.message).toMatch(/fm\.models\.llama\.price/);
      expect(g.fake.requests).toHaveLength(0);
    });

    it('charges an unpriced model at the fallback price under budgets.unpriced: fallback, and refuses it once the budget is spent', async () => {
      // $1 / $1 per million: 10 + 10 tokens cost $0.00002; max_tokens 20 holds ≈ $0.000021.
      const g = await start({ key: { dailyUsd: 0.00003 }, unpriced: 'fallback', fallbackPrice: { inputPerMillion: 1, outputPerMillion: 1 } });
      g.fake.script({ usage: { inputTokens: 10, outputTokens: 10 } });

      const first = await g.chat({ message: 'hi', model: 'llama', max_tokens: 20 });
      const second = await g.chat({ message: 'again', model: 'llama', max_tokens: 20 });

      expect(first.statusCode).toBe(200);
      expect(first.json().cost_usd).toBeNull(); // the real cost is still unknown
      expect([second.statusCode, second.json().error?.details?.budget]).toEqual([429, 'key daily']);
    });

    it('lets a caller without any USD limit use an unpriced model', async () => {
      const g = await start({ tenants: { someone_else: { dailyUsd: 1 } } });

      const res = await g.chat({ message: 'hi', model: 'llama' });

      expect([res.statusCode, res.json().cost_usd]).toEqual([200, null]);
    });
  });
}
