import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../src/events/index.ts';
import type { FmConfig } from '../../src/fm/index.ts';
import { startGateway, type GatewayHarness } from './harness.ts';

let h: GatewayHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const SPLIT: Partial<FmConfig> = {
  routing: {
    splits: {
      'shop-chat': {
        variants: [
          { model: 'haiku', weight: 80 },
          { model: 'claude', weight: 20 },
        ],
        canary: { minSamples: 5, windowMs: 60_000, maxErrorRate: 0.05 },
      },
    },
  },
};

/** Captures the gateway's events as delivered by the bus to a function target. */
async function captureFmEvents(harness: GatewayHarness, detailType: string): Promise<EventEnvelope[]> {
  const seen: EventEnvelope[] = [];
  harness.hashi.events.registerFunction(`capture-${detailType}`, async (event) => void seen.push(event));
  await harness.hashi.events.putRule({
    Name: `fm-${detailType}`,
    EventPattern: { source: ['hashi.fm'], 'detail-type': [detailType] },
    Targets: [{ Id: 'capture', Arn: `function:capture-${detailType}` }],
  });
  return seen;
}

describe('weighted splits through HTTP', () => {
  it('keeps a session on one variant for every turn, and splits sessions roughly by weight', async () => {
    h = await startGateway({ fm: SPLIT });

    const bySession = new Map<string, Set<string>>();
    for (let s = 0; s < 40; s++) {
      for (let turn = 0; turn < 3; turn++) {
        const res = await h.chat({ message: `turn ${turn}`, model: 'shop-chat', session_id: `sess-${s}` });
        const set = bySession.get(`sess-${s}`) ?? new Set();
        set.add(res.json().model);
        bySession.set(`sess-${s}`, set);
        expect(res.json().split).toEqual({ name: 'shop-chat', variant: res.json().model });
      }
    }

    const variants = [...bySession.values()].map((set) => [...set]);
    expect(variants.every((v) => v.length === 1)).toBe(true);
    const claude = variants.filter(([v]) => v === 'claude').length;
    expect(claude).toBeGreaterThanOrEqual(3);
    expect(claude).toBeLessThanOrEqual(15);
  });

  it('rolls a failing variant back to weight 0, publishes CanaryRolledBack on the bus, and moves its sessions', async () => {
    h = await startGateway({ fm: SPLIT });
    const rolledBack = await captureFmEvents(h, 'CanaryRolledBack');
    h.fake.script({ fault: { type: 'status', status: 500 }, dialect: 'anthropic', times: 1000 });

    const results: { session: string; model: string; status: number }[] = [];
    for (let s = 0; s < 60; s++) {
      const res = await h.chat({ message: 'hi', model: 'shop-chat', session_id: `canary-${s}` });
      results.push({ session: `canary-${s}`, status: res.statusCode, model: res.statusCode === 200 ? res.json().model : 'failed' });
    }
    const failedSessions = results.filter((r) => r.status !== 200).map((r) => r.session);
    const retry = await h.chat({ message: 'again', model: 'shop-chat', session_id: failedSessions[0]! });
    await h.hashi.fm.flush();
    await h.hashi.queue.drain();

    expect(failedSessions).toHaveLength(5);
    expect(h.hashi.fm.router.currentWeights('shop-chat')).toEqual([
      { model: 'haiku', weight: 80 },
      { model: 'claude', weight: 0 },
    ]);
    expect(retry.json()).toMatchObject({ model: 'haiku', split: { name: 'shop-chat', variant: 'haiku' } });
    expect(rolledBack).toHaveLength(1);
    expect(rolledBack[0]!.detail).toMatchObject({ split: 'shop-chat', variant: 'claude', previousWeight: 20, failures: 5, samples: 5 });
  });
});

describe('InferenceCompleted', () => {
  it('publishes every completed call on the bus (source hashi.fm) with its metrics', async () => {
    h = await startGateway();
    const completed = await captureFmEvents(h, 'InferenceCompleted');
    h.fake.script({ usage: { inputTokens: 10, outputTokens: 5 } });

    await h.chat({ message: 'hi', model: 'claude', session_id: 'conv-9' });
    await h.hashi.fm.flush();
    await h.hashi.queue.drain();

    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ source: 'hashi.fm', 'detail-type': 'InferenceCompleted' });
    expect(completed[0]!.detail).toMatchObject({
      model: 'claude',
      provider: 'anthropic',
      providerModel: 'claude-haiku-4-5',
      inputTokens: 10,
      outputTokens: 5,
      costUsd: (10 * 1 + 5 * 5) / 1e6,
      cached: false,
      tenant: 'acme',
      sessionId: 'conv-9',
    });
  });

  it('answers the call even when the bus refuses the event', async () => {
    // A bus schema the event cannot satisfy makes PutEvents refuse it.
    const schemas = 'events:\n  schemas:\n    - { source: hashi.fm, detailType: InferenceCompleted, schema: { type: object, required: [no_such_field] } }\n';
    h = await startGateway({ yaml: schemas });

    const res = await h.chat({ message: 'hi', model: 'claude' });

    expect(res.statusCode).toBe(200);
    expect(res.json().text).toBe('Hello from the fake upstream.');
  });
});
