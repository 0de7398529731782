import { afterEach, describe, expect, it } from 'vitest';
import { sqliteBackend } from '../../test/support/backends.ts';
import { FakeClock } from '../kernel/index.ts';
import { createFmGateway, type FmGateway } from './gateway.ts';
import { fmMigrations } from './migrations.ts';
import { OFFLINE_EMBED_DIMS, OFFLINE_NO_IMAGES } from './providers/index.ts';

let cleanup: () => Promise<void> = async () => undefined;
afterEach(() => cleanup());

async function gateway(config: Parameters<typeof createFmGateway>[0]['config'] = {}): Promise<{ fm: FmGateway; clock: FakeClock; published: string[] }> {
  const { store, cleanup: drop } = await sqliteBackend.open(fmMigrations);
  cleanup = drop;
  const clock = new FakeClock(Date.UTC(2026, 4, 1));
  const published: string[] = [];
  const fm = createFmGateway({ config, store, clock, publish: (type) => void published.push(type) });
  return { fm, clock, published };
}

describe('createFmGateway', () => {
  it('lists catalog aliases, splits, auto and the embedding models as models', async () => {
    const { fm } = await gateway({ routing: { splits: { ab: { variants: [{ model: 'haiku', weight: 1 }, { model: 'sonnet', weight: 1 }] } } } });

    expect(fm.models().map((m) => [m.id, m.kind])).toEqual([['haiku', 'model'], ['sonnet', 'model'], ['ab', 'split'], ['auto', 'auto'], ['offline/hash-embed-384', 'embedding']]);
  });

  it('refuses a catalog model whose provider is not configured, and duplicate provider names', async () => {
    await expect(gateway({ providers: [{ name: 'a', type: 'offline' }], models: { m: { provider: 'b', model: 'x' } } })).rejects.toMatchObject({ code: 'FM_CATALOG_INVALID', message: expect.stringContaining('m → b') });
    await expect(gateway({ providers: [{ name: 'a', type: 'offline' }, { name: 'a', type: 'offline' }] })).rejects.toMatchObject({ code: 'FM_CATALOG_INVALID' });
  });

  it('lets the offline provider take image messages so it can say it cannot see them', async () => {
    const { fm } = await gateway();

    const result = await fm.complete({ model: 'haiku', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' }] }] }, { tenant: 't' });

    expect(result.text).toContain(OFFLINE_NO_IMAGES);
  });

  it('embeds with the offline hashed embeddings when no provider has an embedding model', async () => {
    const { fm } = await gateway();

    const [vector] = await fm.embed(['One Piece volume 105']);

    expect(vector).toHaveLength(OFFLINE_EMBED_DIMS);
  });

  it('records usage from InferenceCompleted and still hands the event to the bus', async () => {
    const { fm, published } = await gateway();

    await fm.chat({ messages: [{ role: 'user', content: 'hi' }] }, { tenant: 'acme', keyId: 'k1', sessionId: 's1' });
    await fm.flush();
    const report = await fm.usage.report({ groupBy: 'key', tenant: 'acme' });

    expect(published).toContain('InferenceCompleted');
    expect(report.groups).toMatchObject([{ group: 'k1', calls: 1, unpricedCalls: 1, costUsd: null }]);
    expect((await fm.sessions.get('acme', 's1'))?.turns).toBe(1);
  });

  it('sweeps stale budget holds, expired sessions and usage rows past retention', async () => {
    const { fm, clock } = await gateway({ sessions: { ttlSeconds: 60 }, budgets: { staleHoldMs: 600_000 }, usage: { retentionDays: 1 } });
    await fm.ledger.reserve(['fm:budget:tenant:acme:daily:2026-05-01'], 1, {});
    await fm.sessions.appendTurn('acme', 's1', [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }]);
    await fm.complete({ messages: [{ role: 'user', content: 'old' }] }, { tenant: 'acme' });
    await fm.flush();

    clock.tick(86_400_001);
    await fm.complete({ messages: [{ role: 'user', content: 'new' }] }, { tenant: 'acme' });
    await fm.flush();
    const swept = await fm.sweep();

    expect(swept).toEqual({ releasedHolds: 1, purgedSessions: 1, purgedUsage: 1 });
    expect((await fm.usage.report({ groupBy: 'tenant' })).totals.calls).toBe(1);
  });
});
