import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { MemoryCounter } from '../../src/cache/index.ts';
import { buildServer, type RoutePlugin } from '../../src/http/index.ts';
import { systemClock } from '../../src/kernel/index.ts';
import { createMetrics, silentLogger } from '../../src/observability/index.ts';
import { testConfig } from '../support/hashi.ts';

/** The bare edge with one test route and no auth schemes. */
function edgeWith(route: RoutePlugin, yaml = ''): Promise<FastifyInstance> {
  return buildServer({
    config: testConfig(yaml),
    clock: systemClock,
    logger: silentLogger(),
    metrics: createMetrics(),
    counter: new MemoryCounter(systemClock),
    authSchemes: [],
    version: 'test',
    readiness: async () => ({ ok: true, checks: {} }),
    routes: [route],
  });
}

async function server(requestTimeoutMs: number, slowMs: number): Promise<{ app: FastifyInstance; aborted: () => boolean; started: Promise<void> }> {
  let sawAbort = false;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const slowRoute: RoutePlugin = async (a) => {
    a.get('/slow', { config: { auth: 'none' } }, async (request) => {
      markStarted();
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, slowMs);
        request.deadline.signal.addEventListener('abort', () => {
          sawAbort = true;
          clearTimeout(t);
          resolve();
        });
      });
      return { done: true };
    });
  };
  const app = await edgeWith(slowRoute, `server:\n  requestTimeoutMs: ${requestTimeoutMs}\n`);
  return { app, aborted: () => sawAbort, started };
}

describe('deadline and shutdown', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
  });

  it('answers 504 in the envelope at the route deadline and aborts the work', async () => {
    const s = await server(150, 5000);
    app = s.app;
    const res = await app.inject('/slow');
    expect(res.statusCode).toBe(504);
    expect(res.json().error.code).toBe('DEADLINE_EXCEEDED');
    expect(s.aborted()).toBe(true);
  });

  it('lets a request that finishes in time complete', async () => {
    const s = await server(2000, 20);
    app = s.app;
    const res = await app.inject('/slow');
    expect(res.statusCode).toBe(200);
    expect(s.aborted()).toBe(false);
  });

  it('does not abort a POST whose body has been read while the client still waits', async () => {
    let aborted: boolean | undefined;
    app = await edgeWith(async (a) => {
      a.post('/work', { config: { auth: 'none' } }, async (request) => {
        const signal = request.deadline.signal;
        await new Promise((r) => setTimeout(r, 100));
        aborted = signal.aborted;
        return { aborted };
      });
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const res = await fetch(`${url}/work`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ x: 'y'.repeat(1000) }) });
    expect(await res.json()).toEqual({ aborted: false });
    expect(aborted).toBe(false);
  });

  it('aborts the signal when the client goes away mid-request', async () => {
    let reason = '';
    const seen = new Promise<void>((resolve) => {
      void edgeWith(async (a) => {
        a.post('/wait', { config: { auth: 'none' } }, async (request) => {
          await new Promise<void>((r) =>
            request.deadline.signal.addEventListener('abort', () => {
              reason = String((request.deadline.signal.reason as Error).message);
              resolve();
              r();
            }),
          );
          return {};
        });
      }).then(async (a) => {
        app = a;
        const url = await a.listen({ host: '127.0.0.1', port: 0 });
        const controller = new AbortController();
        fetch(`${url}/wait`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: controller.signal }).catch(() => undefined);
        setTimeout(() => controller.abort(), 100);
      });
    });
    await seen;
    expect(reason).toBe('client disconnected');
  });

  it('finishes in-flight requests when closing, and refuses new ones', async () => {
    const s = await server(5000, 300);
    app = s.app;
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const inflight = fetch(`${url}/slow`);
    // Close once the request is in the handler (a fixed 50 ms wait lost the race on a loaded machine: 503).
    await s.started;
    const closing = app.close();
    const res = await inflight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    await expect(fetch(`${url}/slow`)).rejects.toThrow();
    app = undefined;
  });
});
