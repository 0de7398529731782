import { createHmac } from 'node:crypto';
import { Rng } from './rng.ts';

// The bad-input generator of the fuzz suite: given the routes the server
// declares (from /openapi.json), it builds malformed requests — broken and
// deeply nested JSON, NUL and lone surrogates, numbers a double cannot hold,
// wrong types, duplicate keys, oversized bodies and headers, wrong content
// types, method confusion and bad percent-encoding — with or without valid
// credentials. Everything is derived from a seed, so a failure replays.

type Schema = Record<string, unknown>;

export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. `/admin/keys/{id}`. */
  path: string;
  params: string[];
  query: Array<{ name: string; schema: Schema }>;
  body?: Schema;
}

export interface FuzzRequest {
  /** Its index in the run: `new Corpus(…, seed, …).request(index)` builds it again. */
  index?: number;
  /** What was mutated (for the per-kind counts and the 5xx report). */
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface Credentials {
  adminKey: string;
  /** An API key on a plan generous enough that the fuzz traffic is not throttled. */
  apiKey: string;
  /** A model id /v1/models lists (so FM bodies are otherwise plausible). */
  model: string;
  /** Webhook sources and their secrets (signed requests reach the body parsers). */
  sources: Record<string, { scheme: 'stripe' | 'hmac'; secret: string; signatureHeader?: string; timestampHeader?: string }>;
  /** X-Amz-Target values of the AWS front door (`AWSEvents.PutEvents`, …). */
  awsTargets: string[];
}

/** The operations of an OpenAPI document. */
export function operationsOf(openapi: { paths: Record<string, Record<string, Schema>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(openapi.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters = (op.parameters ?? []) as Array<{ in: string; name: string; schema?: Schema }>;
      const body = (op.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        ...(body ? { body } : {}),
      });
    }
  }
  return ops;
}

const NUL = '\u0000';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udfff';

/** Values that are the wrong thing wherever they land. */
const BAD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  -0,
  1.5,
  2 ** 53 + 2,
  '',
  ' ',
  `a${NUL}b`,
  NUL,
  `x${LONE_HIGH}`,
  `${LONE_LOW}y`,
  '😀'.repeat(50),
  'x'.repeat(70_000),
  '\u202e\u200b\ufeff',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '${HASHI_ADMIN_KEY}',
  '%00',
  '2026-13-45T25:61:61Z',
  [],
  [null],
  [1, 'a', {}],
  {},
  JSON.parse('{"__proto__":{"polluted":1}}'),
  { constructor: { prototype: { polluted: 1 } } },
  Array.from({ length: 500 }, (_, i) => i),
];

/** Numbers as JSON text that JSON.stringify cannot write. */
const RAW_NUMBERS = ['1e309', '-1e309', '18446744073709551616', '-9223372036854775809', '1e-400', '-0', '0.1e99999', '123456789012345678901234567890', '1E+2', '-0.0', '9007199254740993'];

const BROKEN_JSON = [
  '',
  ' ',
  '{',
  '}',
  '[',
  '{"a":',
  '{"a":1,}',
  '[1,2,]',
  "{'a':1}",
  '{a:1}',
  'nul',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":01}',
  '{"a":.5}',
  '{"a":1.}',
  '{"a":+1}',
  '{"a":0x10}',
  '\ufeff{}',
  '{"a":"\\x00"}',
  '{"a":"\\u00"}',
  '{"a":"\\ud800"}',
  '{"\\u0000":"\\u0000"}',
  '{"a":"\t"}',
  '{"a":"line\nbreak"}',
  '{"a":1}{"b":2}',
  '{"a":1} trailing',
  '"just a string"',
  '123',
  'true',
  'null',
  '[]',
  '[[[[[]]]]]',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":"\u0000"}',
  '\u0000\u0000\u0000\u0000',
  '\xff\xfe{\x00}\x00',
  '{"a":/*c*/1}',
  '{"a":1e309}',
  '[1e309]',
  '{"a":-1e309}',
];

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/json, text/plain',
  'application/vnd.api+json',
  'application/x-amz-json-1.1',
  'application/x-amz-json-1.0',
  'application/octet-stream',
  'image/png',
  'application/json; boundary=;;;',
  '*/*',
  ';',
  'a'.repeat(300),
];

const BAD_PATH_VALUES = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  'x%ED%B0%80y',
  '%E0%A4%A',
  '%',
  '%%',
  '%zz',
  '%C0%AF',
  '%FF%FE',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '..',
  '.',
  'a'.repeat(3000),
  '%F0%9F%98%80',
  "~!$&'()*+,;=:@",
  '__proto__',
  'constructor',
  'null',
  '-1',
  '1e309',
  '%20',
  '%0d%0aX-Injected:%201',
  'a%2Fb',
  '%u0000',
];

const BAD_QUERY_VALUES = [
  '1e309',
  'Infinity',
  '-Infinity',
  'NaN',
  '-0',
  '18446744073709551616',
  '-1',
  '0',
  '9007199254740993',
  '0x10',
  '1.5',
  '',
  'a%00b',
  '%00',
  '%ED%A0%80',
  'x'.repeat(4000),
  'true',
  '[object%20Object]',
  '2026-02-30',
  '%',
  '%zz',
  'null',
  '__proto__',
];

const EXTRA_QUERIES = [
  '__proto__[polluted]=1',
  'constructor[prototype][polluted]=1',
  'api%5Fkey=not-a-key',
  'api_key=',
  'a=1&a=2&a=3',
  '%00=%00',
  '=',
  '&&&',
  '[]=1',
  'x[y][z][w]=1',
];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'];

/** A value that satisfies the schema as far as a generic reading can tell. */
function plausible(schema: Schema | undefined, creds: Credentials, name = '', depth = 0): unknown {
  if (!schema || depth > 6) return 'x';
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.oneOf) || Array.isArray(schema.anyOf)) return plausible(((schema.oneOf ?? schema.anyOf) as Schema[])[0], creds, name, depth + 1);
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== 'null') : (schema.type as string | undefined);
  switch (type) {
    case 'string':
      if (name === 'model') return creds.model;
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (name === 'role') return 'user';
      if (name === 'EventPattern') return '{"source":["fuzz"]}';
      return 'fuzz';
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return false;
    case 'array': {
      const item = plausible(schema.items as Schema | undefined, creds, name, depth + 1);
      return name === 'messages' ? [{ role: 'user', content: 'hi' }] : [item];
    }
    case 'object':
    case undefined: {
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      if (type === undefined && Object.keys(props).length === 0) return name === 'Detail' ? '{}' : 'x';
      const required = new Set((schema.required as string[] | undefined) ?? []);
      const out: Record<string, unknown> = {};
      for (const [key, sub] of Object.entries(props)) if (required.has(key) || key === 'content' || key === 'message') out[key] = plausible(sub, creds, key, depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

/** Names of fields AWS operations take, filled plausibly: a mutation of one of them reaches the operation. */
function awsBody(creds: Credentials, origin: string): Record<string, unknown> {
  return {
    Name: 'fuzz-rule',
    EventBusName: 'default',
    EventPattern: '{"source":["fuzz"]}',
    State: 'ENABLED',
    Rule: 'fuzz-rule',
    Targets: [{ Id: 't1', Arn: 'arn:aws:sqs:us-east-1:000000000000:fuzz' }],
    Ids: ['t1'],
    Entries: [{ Source: 'fuzz', DetailType: 'Fuzz', Detail: '{}', Id: '1', MessageBody: 'x', ReceiptHandle: 'x', VisibilityTimeout: 1 }],
    ArchiveName: 'fuzz-archive',
    EventSourceArn: 'arn:aws:events:us-east-1:000000000000:event-bus/default',
    ReplayName: 'fuzz-replay',
    EventStartTime: 0,
    EventEndTime: 1,
    Destination: { Arn: 'arn:aws:events:us-east-1:000000000000:event-bus/default' },
    QueueName: 'fuzz',
    QueueUrl: `${origin}/000000000000/fuzz`,
    MessageBody: 'x',
    ReceiptHandle: 'x',
    MaxNumberOfMessages: 1,
    WaitTimeSeconds: 0,
    VisibilityTimeout: 1,
    Attributes: {},
    AttributeNames: ['All'],
    MessageAttributes: { a: { DataType: 'String', StringValue: 'v' } },
    Limit: 1,
    NextToken: 'x',
    Event: '{"source":"fuzz","detail-type":"x","detail":{}}',
  };
}

function fieldPaths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = [...prefix, k];
      out.push(path);
      if (path.length < 5) fieldPaths(v, path, out);
    }
  }
  return out;
}

function setAt(root: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const nested = (levels: number, open: string, close: string, leaf = '1') => open.repeat(levels) + leaf + close.repeat(levels);

/** Builds malformed requests for a server at `origin`. */
export class Corpus {
  private readonly ops: Operation[];
  private readonly webhookSources: string[];
  private rng: Rng;
  constructor(
    ops: Operation[],
    private readonly creds: Credentials,
    private readonly seed: number,
    private readonly origin: string,
    /** The server's body limit: a few bodies go just past it. */
    private readonly bodyLimit: number,
  ) {
    this.ops = ops;
    this.webhookSources = Object.keys(creds.sources);
    this.rng = new Rng(seed);
  }

  /**
   * The i-th request: walks every operation in turn so each gets its share. Each
   * request draws from its own generator (seed, i), so request i is the same in
   * every run with that seed, whatever order the concurrent senders ask in.
   */
  request(i: number): FuzzRequest {
    this.rng = new Rng((this.seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);
    const op = this.ops[i % this.ops.length]!;
    const r = this.rng;
    if (op.path === '/' && op.method === 'POST') return { ...this.aws(), index: i };
    if (op.path.startsWith('/webhooks/') && r.chance(0.7)) return { ...this.webhook(), index: i };
    const req: FuzzRequest = { index: i, kind: 'body', method: op.method, path: this.fillPath(op), headers: this.auth(op.path) };
    this.addQuery(req, op);
    if (op.method !== 'GET' && op.method !== 'DELETE') this.addBody(req, op);
    else if (r.chance(0.05)) {
      req.body = r.pick(BROKEN_JSON);
      req.headers['content-type'] = 'application/json';
      req.kind = 'body-on-get';
    }
    this.mutateHeaders(req);
    if (r.chance(0.08)) {
      req.method = r.pick(METHODS);
      req.kind += '+method';
      if (req.method === 'GET' || req.method === 'HEAD') delete req.body;
    }
    return req;
  }

  private auth(path: string): Record<string, string> {
    const r = this.rng;
    const admin = path.startsWith('/admin');
    const roll = r.next();
    if (roll < 0.08) return {};
    if (roll < 0.12) return { authorization: r.pick(['Bearer', 'Bearer ', 'Bearer x', `Bearer ${'k'.repeat(5000)}`, 'Basic Zm9vOmJhcg==', 'bearer hk_live_nope', `Bearer ${this.creds.apiKey}x`, 'Bearer \u00e9\u00e8']) };
    if (roll < 0.14) return { 'x-api-key': r.pick([this.creds.apiKey, 'nope', '']) };
    if (roll < 0.16) return { authorization: `Bearer ${this.creds.apiKey}`, 'x-admin-key': 'wrong' };
    if (admin ? roll < 0.9 : roll < 0.25) return { authorization: `Bearer ${this.creds.adminKey}` };
    return { authorization: `Bearer ${this.creds.apiKey}` };
  }

  private fillPath(op: Operation): string {
    const r = this.rng;
    let path = op.path;
    for (const name of op.params) {
      const value = r.chance(0.6) ? r.pick(BAD_PATH_VALUES) : r.pick(['fuzz', 'x1', '00000000-0000-0000-0000-000000000000', 'evt_1', 'stripe', 'default', 'haiku']);
      path = path.replace(`{${name}}`, () => value);
    }
    if (r.chance(0.03)) path = r.pick([`${path}/`, `${path}//`, `/.${path}`, path.toUpperCase(), `${path}%2F`, `${path}/..`, `${path};x=1`, `${path}#frag`]);
    return path;
  }

  private addQuery(req: FuzzRequest, op: Operation): void {
    const r = this.rng;
    const parts: string[] = [];
    for (const q of op.query) if (r.chance(0.5)) parts.push(`${q.name}=${r.chance(0.8) ? r.pick(BAD_QUERY_VALUES) : 'fuzz'}`);
    if (op.query.length > 0 && r.chance(0.2)) {
      const q = r.pick(op.query);
      parts.push(`${q.name}=1`, `${q.name}=2`);
    }
    if (r.chance(0.1)) parts.push(r.pick(EXTRA_QUERIES));
    if (parts.length > 0) req.path += `?${parts.join('&')}`;
  }

  private addBody(req: FuzzRequest, op: Operation): void {
    const r = this.rng;
    const base = plausible(op.body, this.creds);
    const roll = r.next();
    let body: string;
    if (roll < 0.15) {
      req.kind = 'broken-json';
      body = r.pick(BROKEN_JSON);
    } else if (roll < 0.22) {
      req.kind = 'deep';
      const levels = r.pick([65, 100, 1_000, 10_000, 50_000]);
      body = r.chance(0.5) ? nested(levels, '[', ']') : nested(levels, '{"a":', '}');
      // Deep inside an otherwise plausible body, where a route walks it.
      const paths = fieldPaths(base);
      if (paths.length > 0 && r.chance(0.6)) {
        const marker = '"__DEEP__"';
        body = JSON.stringify(setAt(base, r.pick(paths), '__DEEP__')).replace(marker, body);
      }
    } else if (roll < 0.3) {
      req.kind = 'huge-number';
      const paths = fieldPaths(base);
      const raw = r.pick(RAW_NUMBERS);
      body = paths.length > 0 ? JSON.stringify(setAt(base, r.pick(paths), '__NUM__')).replace('"__NUM__"', raw) : raw;
    } else if (roll < 0.37) {
      req.kind = 'duplicate-keys';
      const text = JSON.stringify(base);
      const paths = fieldPaths(base).filter((p) => p.length === 1);
      const key = paths.length > 0 ? r.pick(paths)[0]! : 'a';
      body = text.startsWith('{') ? `{${JSON.stringify(key)}:${JSON.stringify(r.pick(BAD_VALUES))},${text.slice(1)}`.replace(/,}$/, '}') : text;
      if (text === '{}') body = `{${JSON.stringify(key)}:1,${JSON.stringify(key)}:"x"}`;
    } else if (roll < 0.39) {
      req.kind = 'oversized';
      const size = r.chance(0.5) ? this.bodyLimit + r.int(4096) + 1 : this.bodyLimit - 64;
      body = JSON.stringify({ pad: 'x'.repeat(Math.max(0, size - 12)) });
    } else if (roll < 0.47) {
      req.kind = 'text-escapes';
      const paths = fieldPaths(base);
      const value = r.pick([`a${NUL}b`, `${LONE_HIGH}`, `x${LONE_LOW}`, `${LONE_LOW}${LONE_HIGH}`, '\u0000'.repeat(100), `😀${LONE_HIGH}`]);
      body = paths.length > 0 ? JSON.stringify(setAt(base, r.pick(paths), value)) : JSON.stringify(value);
      if (r.chance(0.3)) body = body.replace(/"([^"\\]*)"/, `"${NUL}$1"`); // a raw NUL inside a JSON string (invalid JSON)
    } else {
      req.kind = 'wrong-type';
      let value: unknown = base;
      const mutations = 1 + r.int(3);
      for (let m = 0; m < mutations; m++) {
        const paths = fieldPaths(value);
        value = paths.length > 0 && r.chance(0.9) ? setAt(value, r.pick(paths), r.pick(BAD_VALUES)) : r.pick(BAD_VALUES);
      }
      body = JSON.stringify(value) ?? 'null';
    }
    req.body = body;
    req.headers['content-type'] = r.chance(0.1) ? r.pick(CONTENT_TYPES) : 'application/json';
    if (r.chance(0.05)) {
      delete req.headers['content-type'];
      req.kind += '+no-content-type';
    }
    if (r.chance(0.2)) req.headers['idempotency-key'] = r.pick(['k1', `k${r.int(1e9)}`, 'k'.repeat(1000), '', ' ', 'é']);
  }

  private mutateHeaders(req: FuzzRequest): void {
    const r = this.rng;
    if (!r.chance(0.1)) return;
    req.kind += '+headers';
    const extra = r.pick<Record<string, string>>([
      { 'x-request-id': 'r'.repeat(2000) },
      { 'x-request-id': '' },
      { accept: 'text/event-stream' },
      { accept: 'application/xml' },
      { 'accept-encoding': 'gzip;q=bogus, br' },
      { 'content-encoding': 'gzip' },
      { 'anthropic-version': '1999-01-01' },
      { 'anthropic-version': '' },
      { 'anthropic-beta': 'x,'.repeat(200) },
      { 'x-forwarded-for': '1.2.3.4, not-an-ip, ::ffff:1.2.3.4' },
      { 'x-amz-target': 'AWSEvents.PutEvents' },
      { 'x-big': 'b'.repeat(8000) },
      { range: 'bytes=0-1,-5' },
      { 'if-none-match': '*' },
      { cookie: 'a=1; '.repeat(300) },
      { origin: 'null' },
      { 'last-event-id': '99999999999999999999' },
      { 'last-event-id': '-1' },
    ]);
    Object.assign(req.headers, extra);
  }

  /** POST / with an X-Amz-Target: the AWS JSON front door (requests unsigned; aws.allowUnsigned is on). */
  private aws(): FuzzRequest {
    const r = this.rng;
    const target = r.chance(0.9) ? r.pick(this.creds.awsTargets) : r.pick(['', 'AWSEvents', 'AWSEvents.', 'AmazonSQS.Nope', 'AWSEvents.__proto__', 'AWSEvents.constructor', 'AmazonSQS.toString', 'Nope.PutEvents', 'AWSEvents.PutEvents.Extra', `AWSEvents.${'P'.repeat(500)}`]);
    const version = target.startsWith('AmazonSQS') ? '1.0' : '1.1';
    const headers: Record<string, string> = { 'x-amz-target': target, 'content-type': r.chance(0.9) ? `application/x-amz-json-${version}` : r.pick(CONTENT_TYPES) };
    if (r.chance(0.1)) headers.authorization = r.pick(['AWS4-HMAC-SHA256 Credential=AKIDFAKE/20260101/us-east-1/events/aws4_request, SignedHeaders=host, Signature=00', 'AWS4-HMAC-SHA256', 'garbage', `Bearer ${this.creds.apiKey}`]);
    const base = awsBody(this.creds, this.origin);
    const roll = r.next();
    let body: string;
    if (roll < 0.15) body = r.pick(BROKEN_JSON);
    else if (roll < 0.22) body = JSON.stringify(setAt(base, r.pick(fieldPaths(base)), '__DEEP__')).replace('"__DEEP__"', nested(r.pick([65, 1000, 20_000]), '[', ']'));
    else if (roll < 0.3) body = JSON.stringify(setAt(base, r.pick(fieldPaths(base)), '__NUM__')).replace('"__NUM__"', r.pick(RAW_NUMBERS));
    else if (roll < 0.36) body = `{"QueueName":"a","QueueName":${JSON.stringify(r.pick(BAD_VALUES))},${JSON.stringify(base).slice(1)}`;
    else {
      let value: unknown = base;
      for (let m = 0; m < 1 + r.int(4); m++) value = setAt(value, r.pick(fieldPaths(value)), r.pick(BAD_VALUES));
      body = JSON.stringify(value);
    }
    return { kind: 'aws', method: r.chance(0.95) ? 'POST' : r.pick(METHODS.filter((m) => m !== 'POST' && m !== 'GET' && m !== 'HEAD')), path: r.chance(0.95) ? '/' : r.pick(['/?Action=SendMessage', '/000000000000/fuzz', '//']), headers, body };
  }

  /** POST /webhooks/:source, often correctly signed, so the bad body reaches verification, mapping and the store. */
  private webhook(): FuzzRequest {
    const r = this.rng;
    const name = r.chance(0.9) ? r.pick(this.webhookSources) : r.pick(['nope', '%00', '__proto__', 'a'.repeat(300)]);
    const source = Object.hasOwn(this.creds.sources, name) ? this.creds.sources[name] : undefined;
    const sample = {
      id: r.chance(0.5) ? `evt_${r.int(1e9)}` : r.pick(BAD_VALUES),
      type: r.pick(['payment_intent.succeeded', 'checkout.session.completed', 'x', `a${NUL}`, 42]),
      review_id: r.chance(0.5) ? `rv-${r.int(1e9)}` : r.pick(BAD_VALUES),
      batch_id: r.chance(0.5) ? `b-${r.int(1e9)}` : r.pick(BAD_VALUES),
      product_id: r.pick(BAD_VALUES),
      rating: r.pick(BAD_VALUES),
      text: r.pick(BAD_VALUES),
      items: r.pick(BAD_VALUES),
      data: { object: { id: r.pick(BAD_VALUES), amount_total: r.pick(BAD_VALUES), metadata: r.pick(BAD_VALUES), client_reference_id: r.pick(BAD_VALUES) } },
    };
    const roll = r.next();
    let body: string;
    if (roll < 0.2) body = r.pick(BROKEN_JSON);
    else if (roll < 0.27) body = JSON.stringify(sample).replace('"data":', `"deep":${nested(r.pick([65, 2_000, 30_000]), '[', ']')},"data":`);
    else if (roll < 0.33) body = JSON.stringify(sample).replace(/"rating":[^,]*,/, `"rating":${r.pick(RAW_NUMBERS)},`);
    else if (roll < 0.38) body = `{"id":"evt_dup","id":${JSON.stringify(r.pick(BAD_VALUES))},${JSON.stringify(sample).slice(1)}`;
    else body = JSON.stringify(sample);
    const headers: Record<string, string> = { 'content-type': r.chance(0.92) ? 'application/json' : r.pick(CONTENT_TYPES) };
    const now = Math.floor(Date.now() / 1000);
    if (source && r.chance(0.85)) {
      const ts = r.chance(0.9) ? now : r.pick([0, now - 100_000, now + 100_000, -1]);
      if (source.scheme === 'stripe') {
        const sig = createHmac('sha256', source.secret).update(`${ts}.${body}`).digest('hex');
        headers['stripe-signature'] = r.chance(0.9) ? `t=${ts},v1=${sig}` : r.pick([`t=${ts},v1=${sig.toUpperCase()}`, `t=abc,v1=${sig}`, 'v1=', ',,,', `t=${ts}`, `t=${ts},v1=${sig},`.repeat(50)]);
      } else {
        const sig = createHmac('sha256', source.secret).update(`${ts}.${body}`).digest('hex');
        headers[source.signatureHeader!.toLowerCase()] = r.chance(0.9) ? sig : r.pick(['', 'zz', sig.slice(1), `sha256=${sig}`]);
        headers[source.timestampHeader!.toLowerCase()] = r.chance(0.9) ? String(ts) : r.pick(['', 'abc', '1e309', '-0', '99999999999999999999']);
      }
    } else if (r.chance(0.5)) {
      headers['stripe-signature'] = 't=1,v1=00';
      headers['x-webhook-signature'] = 'ab';
    }
    return { kind: source ? 'webhook-signed' : 'webhook', method: 'POST', path: `/webhooks/${name}`, headers, body };
  }
}
