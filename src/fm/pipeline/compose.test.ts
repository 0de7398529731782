import { describe, expect, it } from 'vitest';
import { compose } from './compose.ts';
import type { Middleware } from './compose.ts';

describe('compose', () => {
  it('runs middlewares outermost first around the terminal, and lists their names', async () => {
    const log: string[] = [];
    const step = (name: string): Middleware<string[], string> =>
      Object.defineProperty(
        async (ctx: string[], next: (c: string[]) => Promise<string>) => {
          log.push(`>${name}`);
          const out = await next([...ctx, name]);
          log.push(`<${name}`);
          return out;
        },
        'name',
        { value: name },
      );
    const chain = compose(step('deadline'), step('budget'), step('route'));

    const out = await chain([], async (ctx) => ctx.join('|'));

    expect(out).toBe('deadline|budget|route');
    expect(log).toEqual(['>deadline', '>budget', '>route', '<route', '<budget', '<deadline']);
    expect(chain.names).toEqual(['deadline', 'budget', 'route']);
  });

  it('lets a middleware call next more than once (a retry)', async () => {
    let calls = 0;
    const retryOnce: Middleware<number, number> = async function retryOnce(ctx, next) {
      try {
        return await next(ctx);
      } catch {
        return next(ctx);
      }
    };

    const out = await compose(retryOnce)(1, async (n) => {
      calls += 1;
      if (calls === 1) throw new Error('first fails');
      return n + calls;
    });

    expect(out).toBe(3);
  });

  it('lets a middleware answer without calling next (a cache hit)', async () => {
    const hit: Middleware<string, string> = async function hit() {
      return 'cached';
    };

    await expect(compose(hit)('x', async () => 'upstream')).resolves.toBe('cached');
  });
});
