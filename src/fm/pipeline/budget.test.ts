import { describe, expect, it } from 'vitest';
import { ask, ctx, harness, readAll } from './testing.ts';

const KEY_DAY = 'fm:budget:tenant:acme:key:key-1:daily:2026-01-15';
const TENANT_MONTH = 'fm:budget:tenant:acme:monthly:2026-01';
// 'hi' is estimated at 1 token of text + 4 of message framing.
const INPUT = 5;
const worst = (inPrice: number, outPrice: number, maxTokens: number) => (INPUT * inPrice + maxTokens * outPrice) / 1e6;

describe('budgets in the pipeline', () => {
  it('holds the worst case over every model the request could reach, then settles the real cost', async () => {
    const { pipeline, ledger, timers, bedrock } = harness({ bedrock: [{ kind: 'hang' }] });
    const client = new AbortController();

    const pending = pipeline.complete(ask('hi'), { ...ctx, signal: client.signal }); // auto: haiku or sonnet
    await timers.flush();

    expect((await ledger.balance(KEY_DAY)).reservedUsd).toBeCloseTo(worst(3, 15, 2048), 12);
    client.abort();
    await pending.catch(() => undefined);
    bedrock.push({ kind: 'ok', chunks: ['ok'], usage: { inputTokens: 1000, outputTokens: 100 } });

    await pipeline.complete(ask('hi'), ctx);

    const balance = await ledger.balance(TENANT_MONTH);
    expect(balance.reservedUsd).toBeCloseTo(0, 12);
    expect(balance.settledUsd).toBeCloseTo((1000 * 0.25 + 100 * 1.25) / 1e6, 12);
  });

  it('refuses before calling the provider, naming the budget, with status 429', async () => {
    const { pipeline, bedrock } = harness({ options: { budgets: { tenant: { monthlyUsd: 0.001 } } } });

    const refused = pipeline.complete(ask('hi', { model: 'haiku' }), ctx);

    await expect(refused).rejects.toMatchObject({
      code: 'FM_BUDGET_EXCEEDED',
      status: 429,
      details: { budget: 'tenant monthly', limitUsd: 0.001 },
      retryAfterSeconds: expect.any(Number),
    });
    expect(bedrock.calls).toHaveLength(0);
  });

  it('does not let concurrent requests overspend: only as many as the budget covers get through', async () => {
    const perRequest = worst(0.25, 1.25, 1024);
    const { pipeline, timers, bedrock } = harness({
      options: { budgets: { key: { dailyUsd: perRequest * 3.5 } } },
      bedrock: [{ kind: 'hang' }],
    });
    const client = new AbortController();

    const requests = Array.from({ length: 10 }, (_, i) => pipeline.complete(ask('hi', { model: 'haiku' }), { ...ctx, sessionId: `s${i}`, signal: client.signal }));
    const settled = Promise.allSettled(requests);
    await timers.flush();
    client.abort();
    const outcomes = await settled;

    const codes = outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'FM_BUDGET_EXCEEDED')).toHaveLength(7);
    expect(bedrock.calls).toHaveLength(3);
  });

  it('refuses an unpriced model under a USD limit before any call (FM_MODEL_UNPRICED), and lets it through without one', async () => {
    const limited = harness({ options: { budgets: { key: { dailyUsd: 1 } } } });
    const free = harness({});

    await expect(limited.pipeline.complete(ask('hi', { model: 'llama' }), ctx)).rejects.toMatchObject({ code: 'FM_MODEL_UNPRICED', status: 403 });
    const result = await free.pipeline.complete(ask('hi', { model: 'llama' }), ctx);

    expect(await limited.ledger.balance(KEY_DAY)).toEqual({ settledUsd: 0, reservedUsd: 0 });
    expect(result.costUsd).toBeNull();
  });

  it('charges an unpriced model at the fallback price under unpriced: fallback, still reporting its cost as unknown', async () => {
    const fallbackPrice = { inputPerMillion: 1_000_000, outputPerMillion: 0 };
    const { pipeline, ledger } = harness({ options: { budgets: { key: { dailyUsd: 1000 }, unpriced: 'fallback', fallbackPrice } } });

    const result = await pipeline.complete(ask('hi', { model: 'llama' }), ctx);

    expect(result.costUsd).toBeNull();
    expect((await ledger.balance(KEY_DAY)).settledUsd).toBeGreaterThan(0);
  });

  it('charges nothing for a cached answer', async () => {
    const { pipeline, ledger } = harness({ bedrock: [{ kind: 'ok', chunks: ['x'], usage: { inputTokens: 400_000, outputTokens: 0 } }] });
    await pipeline.complete(ask('hi', { model: 'haiku' }), ctx);

    await pipeline.complete(ask('hi', { model: 'haiku' }), ctx);

    expect((await ledger.balance(KEY_DAY)).settledUsd).toBeCloseTo(0.1, 12);
  });

  it('settles an estimate for a stream that broke after it started, and releases a request that never started', async () => {
    const { pipeline, ledger, timers } = harness({
      options: { retry: { retries: 0 } },
      bedrock: [
        { kind: 'break', chunks: ['x'.repeat(400)], error: Object.assign(new Error('reset'), { code: 'ECONNRESET' }) },
        { kind: 'fail', error: Object.assign(new Error('503'), { retryable: true }) },
      ],
    });

    await readAll(await pipeline.stream(ask('hi', { model: 'haiku' }), ctx));
    await timers.drive(pipeline.complete(ask('again', { model: 'haiku' }), ctx)).catch(() => undefined);

    const balance = await ledger.balance(KEY_DAY);
    expect(balance.reservedUsd).toBeCloseTo(0, 12);
    expect(balance.settledUsd).toBeCloseTo((INPUT * 0.25 + 100 * 1.25) / 1e6, 12);
  });
});
