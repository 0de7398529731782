import { Writable } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { createLogger } from '../observability/index.ts';
import { requestLoggerFactory } from './request-logger.ts';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ level, destination }) };
}

describe('requestLoggerFactory', () => {
  it('writes the same lines as an eager child, bindings included', async () => {
    const { lines, logger } = capture('info');
    const log = requestLoggerFactory(logger, { requestId: 'req-1' }, {});
    log.info({ status: 200 }, 'request completed');
    log.debug('not written');
    log.child({ part: 'x' }).warn('from a grandchild');
    expect(lines.map((l) => [l.requestId, l.msg, l.status, l.part])).toEqual([
      ['req-1', 'request completed', 200, undefined],
      ['req-1', 'from a grandchild', undefined, 'x'],
    ]);
    expect(log.level).toBe('info');
  });

  it('builds no child while nothing is written at the configured level', () => {
    const { lines, logger } = capture('warn');
    const child = vi.spyOn(logger, 'child');
    const log = requestLoggerFactory(logger, { requestId: 'req-2' }, {});
    log.info('skipped');
    log.debug('skipped');
    expect(child).not.toHaveBeenCalled();
    log.error('written');
    expect(child).toHaveBeenCalledTimes(1);
    log.warn('also written');
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines.map((l) => [l.requestId, l.msg])).toEqual([
      ['req-2', 'written'],
      ['req-2', 'also written'],
    ]);
  });

  it('follows a level set on the request logger', () => {
    const { lines, logger } = capture('warn');
    const log = requestLoggerFactory(logger, { requestId: 'req-3' }, {});
    log.level = 'debug';
    log.debug('now written');
    expect(logger.level).toBe('warn');
    expect(lines.map((l) => l.msg)).toEqual(['now written']);
  });

  it('makes an ordinary child when the route sets its own log level', () => {
    const { lines, logger } = capture('warn');
    const log = requestLoggerFactory(logger, { requestId: 'req-4' }, { level: 'info' });
    log.info('route level');
    expect(lines.map((l) => [l.requestId, l.msg])).toEqual([['req-4', 'route level']]);
  });

  it('serves as request.log in Fastify, with the request id', async () => {
    const { lines, logger } = capture('info');
    const app = Fastify({
      loggerInstance: logger,
      childLoggerFactory: requestLoggerFactory,
      logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
      genReqId: () => 'req-5',
    });
    app.get('/', async (request) => {
      request.log.info('in handler');
      return { ok: true };
    });
    const res = await app.inject('/');
    await app.close();
    expect(res.statusCode).toBe(200);
    expect(lines.filter((l) => l.msg === 'in handler').map((l) => l.requestId)).toEqual(['req-5']);
  });
});
