import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { createAjv } from '../../src/kernel/index.ts';
import { createHashi, type Hashi } from '../../src/main.ts';
import { silentLogger } from '../../src/observability/index.ts';

// The demo configuration: both apps, the AWS APIs, three webhook sources — every route Hashi has.
const DEMO = fileURLToPath(new URL('../../examples/hashi.yaml', import.meta.url));

interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }>;
  [extension: `x-${string}`]: unknown;
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { title?: string }> };
}

/** Registered routes that are deliberately not operations of the document, and why. */
const EXCLUDED: Array<{ method: string; url: RegExp; reason: string }> = [
  { method: 'HEAD', url: /.*/, reason: 'Fastify adds a HEAD for every GET; it is the GET without a body' },
  { method: 'GET', url: /^\/docs(\/.*)?$/, reason: "the documentation page itself and its renderer's static assets" },
  { method: 'OPTIONS', url: /.*/, reason: 'CORS preflight (when configured): answered for every route, not an operation of its own' },
];

/**
 * Error answers not in the envelope: the wire dialects answer in their providers' shapes, which
 * their SDKs parse; /readyz answers 503 with its checks, for load balancers.
 */
const OWN_ERROR_SHAPES = new Set(['OpenAIError', 'AnthropicError', 'AwsJsonError', 'Readiness']);

/** POST routes that take no body: an action named by the path alone. */
const BODYLESS = new Set([
  'post /admin/webhooks/deliveries/{id}/replay',
  'post /admin/webhooks/subscriptions/{id}/enable',
  'post /admin/webhooks/subscriptions/{id}/disable',
]);

const toOpenApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{*}');
const isError = (status: string) => /^[45]/.test(status);

describe('the OpenAPI document (/openapi.json)', () => {
  let hashi: Hashi;
  let dataDir: string;
  let doc: OpenApiDoc;
  const registered: Array<{ method: string; url: string }> = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hashi-openapi-'));
    const config = loadConfig({ file: DEMO, env: {}, overrides: { dataDir } });
    hashi = await createHashi(config, { http: true, logger: silentLogger() });
    // Every route Fastify routes, as it registered them (the router's own view, not the document's).
    const tree = hashi.app!.printRoutes({ commonPrefix: false, includeMeta: false });
    registered.push(...routesOf(tree));
    const res = await hashi.app!.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    doc = res.json();
  });
  afterAll(async () => {
    await hashi?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ key: `${method} ${path}`, method, path, op })));

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents every route the server registered', () => {
    expect(registered.length).toBeGreaterThan(60);
    const documented = new Set(operations().map((o) => `${o.method.toUpperCase()} ${o.path}`));
    const missing = registered
      .filter((r) => !EXCLUDED.some((e) => e.method === r.method && e.url.test(r.url)))
      .map((r) => `${r.method} ${toOpenApiPath(r.url)}`)
      .filter((key) => !documented.has(key));
    expect(missing).toEqual([]);
  });

  it('gives every operation a summary, a tag and a 2xx response with a schema (or 204 No Content)', () => {
    const without = operations()
      .filter(({ op }) => {
        if (!op.summary || !op.tags?.length) return true;
        return !Object.entries(op.responses ?? {}).some(([status, r]) => status === '204' || (/^2/.test(status) && Object.values(r.content ?? {}).some((c) => c.schema)));
      })
      .map((o) => o.key);
    // The WebSocket is the one operation without a 2xx: see the next test.
    expect(without).toEqual(['get /v1/chat/ws']);
  });

  it('has error responses that all reference the shared error envelope (or the wire dialect’s own shape)', () => {
    const envelope = Object.entries(doc.components.schemas).find(([, s]) => s.title === 'ErrorEnvelope')?.[0];
    expect(envelope).toBeDefined();
    const stray: string[] = [];
    for (const { key, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!isError(status)) continue;
        const schemas = Object.values(response.content ?? {}).map((c) => c.schema);
        const ok = schemas.length > 0 && schemas.every((s) => s?.$ref === `#/components/schemas/${envelope}` || OWN_ERROR_SHAPES.has(String(s?.title)));
        if (!ok) stray.push(`${key} ${status}`);
      }
    }
    expect(stray).toEqual([]);
  });

  it('says which operations need a credential, and documents their 401', () => {
    const unauthenticated = operations().filter(({ op }) => op.security && !op.responses?.['401']).map((o) => o.key);
    expect(unauthenticated).toEqual([]);
    expect(doc.paths['/admin/keys']!.post!.security).toEqual([{ adminKey: [] }]);
    expect(doc.paths['/v1/chat']!.post!.security).toEqual([{ apiKey: [] }]);
  });

  it('declares every path parameter, and a request body for every write that takes one', () => {
    const problems: string[] = [];
    for (const { key, method, path, op } of operations()) {
      for (const name of path.match(/\{[^}]+\}/g) ?? []) {
        if (!op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name)) problems.push(`${key}: no path parameter ${name}`);
      }
      if (['post', 'put', 'patch'].includes(method) && !BODYLESS.has(key) && !op.requestBody?.content) problems.push(`${key}: no request body`);
    }
    expect(problems).toEqual([]);
  });

  it('describes what the routes really answer: a tour of live responses validates against the documented schemas', async () => {
    const app = hashi.app!;
    const admin = { 'x-admin-key': 'demo-admin-key' };
    const key = { authorization: `Bearer ${(await hashi.keys.create({ tenant: 'acme', plan: 'partner' })).key}` };
    const tour: Array<{ method?: 'GET' | 'POST' | 'DELETE'; url: string; route?: string; headers?: Record<string, string>; payload?: object }> = [
      { url: '/healthz' },
      { url: '/readyz' },
      { url: '/openapi.json' },
      { url: '/v1/whoami', headers: key },
      { method: 'POST', url: '/v1/events', headers: key, payload: { Entries: [{ Source: 'tour', DetailType: 'Visited', Detail: { n: 1 } }] } },
      { method: 'POST', url: '/v1/chat', headers: key, payload: { message: 'Which volume should I read first?', session_id: 'tour-1' } },
      { url: '/v1/sessions/tour-1', route: '/v1/sessions/{id}', headers: key },
      { url: '/v1/sessions/nobody', route: '/v1/sessions/{id}', headers: key },
      { url: '/v1/usage?group_by=day', headers: key },
      { url: '/admin/usage?group_by=tenant', headers: admin },
      { url: '/v1/models', headers: key },
      { url: '/admin/keys', headers: admin },
      { url: '/admin/dlq', headers: admin },
      { url: '/admin/dlq/missing', route: '/admin/dlq/{id}', headers: admin },
      { url: '/admin/events/rules', headers: admin },
      { url: '/admin/events/rules/manga-order-confirmation', route: '/admin/events/rules/{name}', headers: admin },
      { url: '/admin/events/archives', headers: admin },
      { url: '/admin/events/archives/mangaassist', route: '/admin/events/archives/{name}', headers: admin },
      { url: '/admin/events/buses', headers: admin },
      { url: '/admin/events/schemas', headers: admin },
      { url: '/admin/events/replays', headers: admin },
      { url: '/admin/events/dlq', headers: admin },
      { url: '/admin/webhooks/subscriptions', headers: admin },
      { url: '/admin/webhooks/subscriptions/manga-crm', route: '/admin/webhooks/subscriptions/{id}', headers: admin },
      { url: '/admin/webhooks/subscriptions/manga-crm/secret', route: '/admin/webhooks/subscriptions/{id}/secret', headers: admin },
      { url: '/admin/webhooks/subscriptions/manga-crm/attempts', route: '/admin/webhooks/subscriptions/{id}/attempts', headers: admin },
      { url: '/admin/webhooks/deliveries', headers: admin },
      { url: '/admin/support/kb', headers: admin },
      { url: '/support/v1/tickets', headers: key },
      { url: '/manga/v1/analytics', headers: admin },
      { url: '/manga/v1/chat/tour-1/messages', route: '/manga/v1/chat/{session_id}/messages', headers: key },
      { url: '/manga/v1/orders/none', route: '/manga/v1/orders/{id}', headers: admin },
      { url: '/admin/keys', headers: {} },
    ];
    const ajv = createAjv();
    ajv.addSchema({ $id: 'openapi', components: doc.components });
    const mismatches: string[] = [];
    for (const step of tour) {
      const res = await app.inject({ method: step.method ?? 'GET', url: step.url, ...(step.headers ? { headers: step.headers } : {}), ...(step.payload ? { payload: step.payload } : {}) });
      const route = step.route ?? step.url.split('?')[0]!;
      const documented = doc.paths[route]?.[(step.method ?? 'GET').toLowerCase()]?.responses?.[String(res.statusCode)];
      const schema = documented?.content?.['application/json']?.schema;
      if (!schema) {
        mismatches.push(`${step.method ?? 'GET'} ${step.url}: ${res.statusCode} is not documented`);
        continue;
      }
      const validate = ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')));
      if (!validate(res.json())) mismatches.push(`${step.method ?? 'GET'} ${step.url} ${res.statusCode}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('documents the WebSocket chat as a GET upgraded with 101, with its message protocol', () => {
    const ws = doc.paths['/v1/chat/ws']?.get;
    expect(ws?.responses?.['101']?.description).toMatch(/Switching Protocols/i);
    expect(ws?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['query:api_key', 'header:upgrade']));
    const protocol = ws?.['x-websocket'] as { client: { oneOf: Array<{ properties: { type: { const: string } } }> }; server: { oneOf: Array<{ properties: { type: { const: string } } }> } };
    expect(protocol.client.oneOf.map((s) => s.properties.type.const)).toEqual(expect.arrayContaining(['chat', 'cancel', 'ping', 'manga.chat']));
    expect(protocol.server.oneOf.map((s) => s.properties.type.const)).toEqual(expect.arrayContaining(['ready', 'start', 'chunk', 'complete', 'error', 'cancelled', 'pong']));
  });
});

/** Parses `printRoutes({ commonPrefix: false })`: one `├── path (GET, HEAD)` line per node, nested by indentation. */
function routesOf(tree: string): Array<{ method: string; url: string }> {
  const routes: Array<{ method: string; url: string }> = [];
  const stack: Array<{ depth: number; path: string }> = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)(?:[├└]── )?(.+?) \(([A-Z, ]+)\)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length;
    while (stack.length && stack.at(-1)!.depth >= depth) stack.pop();
    const segment = match[2]!;
    const parent = stack.at(-1)?.path ?? '';
    const path = parent === '' ? (segment.startsWith('/') ? segment : `/${segment}`) : `${parent.replace(/\/$/, '')}${segment.startsWith('/') ? '' : '/'}${segment}`;
    stack.push({ depth, path });
    for (const method of match[3]!.split(',').map((m) => m.trim())) routes.push({ method, url: path });
  }
  return routes;
}
