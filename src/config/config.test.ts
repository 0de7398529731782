import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadConfig } from './load.ts';
import { maskSecrets } from './mask.ts';
import { renderDefaultsYaml } from './defaults-yaml.ts';
import { configSchema } from './schema.ts';

const load = (text: string, env: Record<string, string> = {}, stage?: string) => loadConfig({ text, env, ...(stage ? { stage } : {}) });

describe('config', () => {
  it('fills every default from the schema', () => {
    const c = load('');
    expect(c.server.port).toBe(8787);
    expect(c.server.host).toBe('127.0.0.1');
    expect(c.server.bodyLimitBytes).toBe(262144);
    expect(c.server.requestTimeoutMs).toBe(29000);
    expect(c.queue.defaults.maxAttempts).toBe(5);
    expect(c.plans.default).toEqual({ rps: 10, burst: 20, dailyQuota: 100000 });
  });

  it('interpolates ${VAR} and ${VAR:-default}, and names the path of an unset variable', () => {
    const c = load('admin:\n  key: ${ADMIN}\nstore:\n  url: ${DB_URL:-sqlite::memory:}\n', { ADMIN: 's3cret' });
    expect(c.admin.key).toBe('s3cret');
    expect(c.store.url).toBe('sqlite::memory:');
    expect(() => load('admin:\n  key: ${MISSING_VAR}\n')).toThrow('admin.key: environment variable MISSING_VAR is not set');
  });

  it('applies stage overrides by deep merge and rejects unknown stages', () => {
    const text = 'server:\n  port: 9000\nlog:\n  level: debug\nstages:\n  prod:\n    log:\n      level: warn\n';
    expect(load(text).log.level).toBe('debug');
    const prod = load(text, {}, 'prod');
    expect(prod.log.level).toBe('warn');
    expect(prod.server.port).toBe(9000);
    expect(prod.stage).toBe('prod');
    expect(() => load(text, {}, 'qa')).toThrow('stages.qa: no such stage (known: prod)');
  });

  it('lets flags win over the file', () => {
    const c = loadConfig({ text: 'server:\n  port: 9000\n', env: {}, overrides: { port: 1234, dataDir: '/tmp/x' } });
    expect(c.server.port).toBe(1234);
    expect(c.dataDir).toBe('/tmp/x');
  });

  it('reports every invalid path with its reason', () => {
    try {
      load('server:\n  port: "eighty"\n  colour: blue\nsources:\n  stripe:\n    scheme: stripe\n');
      expect.unreachable();
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('server.port: must be integer');
      expect(message).toContain('server.colour: is not a known property');
      expect(message).toContain('sources.stripe.secrets: required');
    }
  });

  it('refuses YAML that does not parse, naming the problem', () => {
    expect(() => load('server: [unclosed')).toThrow(/config is not valid YAML/);
  });

  it('is frozen', () => {
    const c = load('');
    expect(() => {
      (c.server as { port: number }).port = 1;
    }).toThrow();
  });

  it('masks secrets for printing but keeps the shape', () => {
    const masked = maskSecrets({ admin: { key: 'abc' }, sources: { s: { secrets: ['x', 'y'] } }, store: { url: 'postgres://u:pw@h/db' }, server: { port: 1 } }) as Record<string, Record<string, unknown>>;
    expect(masked.admin).toEqual({ key: '****' });
    expect(masked.sources).toEqual({ s: { secrets: ['****', '****'] } });
    expect(masked.store).toEqual({ url: 'postgres://u:****@h/db' });
    expect(masked.server).toEqual({ port: 1 });
  });

  it('keeps hashi.default.yaml and schema/hashi.schema.json in step with the schema', () => {
    const root = new URL('../../', import.meta.url);
    expect(readFileSync(new URL('hashi.default.yaml', root), 'utf8')).toBe(renderDefaultsYaml());
    expect(JSON.parse(readFileSync(new URL('schema/hashi.schema.json', root), 'utf8'))).toEqual(JSON.parse(JSON.stringify(configSchema)));
  });

  it('validates the demo configuration', () => {
    const text = readFileSync(new URL('../../examples/hashi.yaml', import.meta.url), 'utf8');
    expect(() => loadConfig({ text, env: {} })).not.toThrow();
  });
});
