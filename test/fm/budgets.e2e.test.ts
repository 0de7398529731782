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

    it('reserves nothing for an unpriced model, and refuses it once the budget is spent', async () => {
      // One claude call holds ≈ $0.000021 (3 max tokens) but really costs $0.00006 (10 + 10 tokens): over the $0.00005.
      const g = await start({ key: { dailyUsd: 0.00005 } });
      g.fake.script({ usage: { inputTokens: 10, outputTokens: 10 } });

      const unpriced = await g.chat({ message: 'hi', model: 'llama' });
      const spending = await g.chat({ message: 'spend it', model: 'claude', max_tokens: 3 });
      const spent = await g.chat({ message: 'now', model: 'llama' });

      expect(unpriced.statusCode).toBe(200);
      expect(unpriced.json().cost_usd).toBeNull();
      expect(spending.json().cost_usd).toBeCloseTo(0.00006, 12);
      expect([spent.statusCode, spent.json().error?.details?.budget]).toEqual([429, 'key daily']);
    });
  });
}
