import type { Ajv, AnySchema, SchemaObject, ValidateFunction } from 'ajv';
import type { FastifyInstance } from 'fastify';
import { ValidationError, jsonTooDeep, MAX_JSON_DEPTH, nonFiniteNumberPath, textProblem } from '../kernel/index.ts';

/**
 * Two rules every route schema gets without saying so, added by this Ajv
 * plugin when Fastify compiles a route's validators:
 *
 * - `storableText` on every `type: string`: no U+0000 and no lone surrogate.
 *   A string the route declares is an id, a name or a message, which the store
 *   keeps as text, and neither survives a text column (PostgreSQL refuses NUL,
 *   both drivers turn lone surrogates into U+FFFD). Free-form JSON (a schema
 *   without a type, like PutEvents `Detail`) is data: it is stored as JSON,
 *   whose escapes keep both exactly.
 * - `finite` on every `type: integer | number`: Ajv's type coercion reads
 *   `?limit=1e309` and `?limit=Infinity` as Infinity and then skips minimum and
 *   maximum (its numeric keywords are guarded by isFinite), so a non-finite
 *   number used to reach SQL.
 *
 * The route's own schema object is not changed (OpenAPI shows it as written);
 * a copy with the two keywords is compiled.
 */
export function edgeKeywords(ajv: Ajv): Ajv {
  ajv.addKeyword({
    keyword: 'storableText',
    schemaType: 'boolean',
    error: { message: 'must be text without U+0000 (NUL) or lone surrogates' },
    validate: (_: boolean, data: unknown) => typeof data !== 'string' || textProblem(data) === undefined,
  });
  ajv.addKeyword({
    keyword: 'finite',
    schemaType: 'boolean',
    error: { message: 'must be a finite number' },
    validate: (_: boolean, data: unknown) => typeof data !== 'number' || Number.isFinite(data),
  });
  const compile = ajv.compile.bind(ajv);
  ajv.compile = (<T>(schema: AnySchema, meta?: boolean): ValidateFunction<T> => compile<T>(withEdgeKeywords(schema) as AnySchema, meta)) as Ajv['compile'];
  return ajv;
}

// Keys whose values are data, not subschemas.
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples', 'example', 'description', 'title']);

function typesOf(schema: SchemaObject): string[] {
  const t: unknown = schema.type;
  if (typeof t === 'string') return [t];
  return Array.isArray(t) && t.every((x) => typeof x === 'string') ? (t as string[]) : [];
}

function withEdgeKeywords(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withEdgeKeywords);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(schema)) out[key] = DATA_KEYS.has(key) ? value : withEdgeKeywords(value);
  const types = typesOf(out);
  if (types.includes('string')) out.storableText = true;
  if (types.includes('integer') || types.includes('number')) out.finite = true;
  return out;
}

/**
 * The JSON body parser of every route (but those that take raw bytes, like
 * webhooks): Fastify's own (prototype-poisoning checks included), then a
 * bounded, non-recursive look at the value before any route walks it —
 * 400 `JSON_TOO_DEEP` past 64 levels, 400 `NUMBER_INVALID` for a number JSON
 * can write but a double cannot hold (`1e309` parses as Infinity, and would
 * be stored as null).
 */
export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, body as string, (err: Error | null, value?: unknown) => {
      if (err) return done(err, undefined);
      const problem = scan(value);
      if (problem === 'deep') return done(jsonTooDeep('the request body'), undefined);
      if (problem === 'number') {
        const path = nonFiniteNumberPath(value);
        return done(new ValidationError('NUMBER_INVALID', `${path} is a number too large for a 64-bit float (it would read as Infinity)`, { details: { path } }), undefined);
      }
      request.rawJson = body as string;
      done(null, value);
    });
  });
}

/** One pass, no recursion, no allocation per scalar: too deep, a non-finite number, or fine. */
function scan(value: unknown): 'deep' | 'number' | undefined {
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length > 0) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return 'number';
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_JSON_DEPTH) return 'deep';
      for (const child of Array.isArray(v) ? v : Object.values(v)) {
        if (child !== null && (typeof child === 'object' || typeof child === 'number')) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return undefined;
}

