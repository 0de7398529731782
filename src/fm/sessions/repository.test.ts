import { afterEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../../test/support/backends.ts';
import { FakeClock } from '../../kernel/index.ts';
import { fmMigrations } from '../migrations.ts';
import { trimHistory } from './history.ts';
import { SessionStore } from './repository.ts';

const user = (content: string) => ({ role: 'user' as const, content });
const assistant = (content: string) => ({ role: 'assistant' as const, content });

for (const backend of storeBackends) {
  describe(`SessionStore [${backend.name}]`, () => {
    let cleanup: () => Promise<void> = async () => undefined;
    afterEach(() => cleanup());
    const open = async (maxMessages = 40) => {
      const opened = await backend.open(fmMigrations);
      cleanup = opened.cleanup;
      const clock = new FakeClock(Date.UTC(2026, 0, 1));
      return { clock, sessions: new SessionStore({ store: opened.store, clock, settings: { ttlSeconds: 60, maxMessages } }) };
    };

    it('appends turns and returns them as history, per tenant', async () => {
      const { sessions } = await open();

      await sessions.appendTurn('acme', 's1', [user('Hi'), assistant('Hello')]);
      await sessions.appendTurn('acme', 's1', [user('Price?'), assistant('¥500')]);

      expect(await sessions.history('acme', 's1')).toEqual([user('Hi'), assistant('Hello'), user('Price?'), assistant('¥500')]);
      expect(await sessions.history('globex', 's1')).toEqual([]);
      expect((await sessions.get('acme', 's1'))?.turns).toBe(2);
    });

    it('expires a session ttl after its last turn, and an expired session starts over', async () => {
      const { sessions, clock } = await open();
      await sessions.appendTurn('acme', 's1', [user('a'), assistant('b')]);

      clock.tick(59_000);
      await sessions.appendTurn('acme', 's1', [user('c'), assistant('d')]);
      clock.tick(59_000);
      const stillThere = await sessions.history('acme', 's1');
      clock.tick(2_000);
      const gone = await sessions.get('acme', 's1');
      const restarted = await sessions.appendTurn('acme', 's1', [user('e'), assistant('f')]);

      expect(stillThere).toHaveLength(4);
      expect(gone).toBeUndefined();
      expect(restarted).toMatchObject({ turns: 1, messages: [user('e'), assistant('f')] });
    });

    it('keeps concurrent turns on one session', async () => {
      const { sessions } = await open();

      await Promise.all(Array.from({ length: 6 }, (_, i) => sessions.appendTurn('acme', 's1', [user(`q${i}`), assistant(`a${i}`)])));

      const session = await sessions.get('acme', 's1');
      expect(session?.turns).toBe(6);
      expect(session?.messages).toHaveLength(12);
    });

    it('stores a note instead of image bytes', async () => {
      const { sessions } = await open();

      await sessions.appendTurn('acme', 's1', [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mediaType: 'image/png', data: 'iVBORw0KGgo=' }] }, assistant('A cover.')]);

      expect(JSON.stringify(await sessions.history('acme', 's1'))).not.toContain('iVBORw0KGgo=');
      expect((await sessions.history('acme', 's1'))[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'text', text: '[image image/png omitted from history]' }] });
    });

    it('deletes a session and purges expired ones', async () => {
      const { sessions, clock } = await open();
      await sessions.appendTurn('acme', 's1', [user('a'), assistant('b')]);
      await sessions.appendTurn('acme', 's2', [user('a'), assistant('b')]);

      const deleted = await sessions.delete('acme', 's1');
      const again = await sessions.delete('acme', 's1');
      clock.tick(61_000);
      const purged = await sessions.purgeExpired();

      expect([deleted, again, purged]).toEqual([true, false, 1]);
    });
  });
}

describe('trimHistory', () => {
  it('drops the oldest messages and never starts with an assistant message', () => {
    const history = [user('1'), assistant('2'), user('3'), assistant('4'), user('5'), assistant('6')];

    expect(trimHistory(history, 4)).toEqual([user('3'), assistant('4'), user('5'), assistant('6')]);
    expect(trimHistory(history, 3)).toEqual([user('5'), assistant('6')]);
  });
});
