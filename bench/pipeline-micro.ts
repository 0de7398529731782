/**
 * The pipeline's own cost per call, in process: an exchange whose provider
 * answers at once (no I/O), through every request and attempt step with a
 * memory budget ledger — what a call costs before HTTP, the wire and the store.
 *   npx tsx bench/pipeline-micro.ts [calls=20000]
 */
import { MemoryCache } from '../src/cache/index.ts';
import { systemClock } from '../src/kernel/index.ts';
import { createCatalog } from '../src/fm/catalog/index.ts';
import { MemoryBudgetLedger } from '../src/fm/cost/index.ts';
import { createCompletionPipeline } from '../src/fm/pipeline/index.ts';
import { createScriptedProvider } from '../src/fm/resilience/index.ts';
import { Router } from '../src/fm/routing/index.ts';

const calls = Number(process.argv[2] ?? 20000);
const clock = systemClock;
const catalog = createCatalog({ m: { provider: 'p', model: 'm-1', maxTokens: 64, price: { inputPerMillion: 1, outputPerMillion: 1 } } });
const provider = createScriptedProvider({ name: 'p', steps: [{ kind: 'ok', chunks: ['one', ' two', ' three'] }] });
const pipeline = createCompletionPipeline({
  dialects: { provider: () => { throw new Error('none'); } },
  catalog,
  providers: new Map([['p', provider]]),
  router: new Router({ defaultModel: 'm' }, { catalog, clock }),
  cache: new MemoryCache(clock),
  ledger: new MemoryBudgetLedger(),
  clock,
  publish: () => undefined,
  options: { budgets: { tenant: { dailyUsd: 1e9 } } },
});
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hello' }] };
for (const mode of ['complete', 'stream'] as const) {
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const ctx = { tenant: 't', keyId: 'k', skipCache: true };
      if (mode === 'complete') await pipeline.complete(request, ctx);
      else for await (const _e of await pipeline.stream(request, ctx)) void _e;
    }
  };
  await run(2000);
  provider.calls.length = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run(calls);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  provider.calls.length = 0;
  console.log(JSON.stringify({ mode, calls, usPerCallWall: +((wall * 1000) / calls).toFixed(2), usPerCallCpu: +((cpu.user + cpu.system) / calls).toFixed(2) }));
}
