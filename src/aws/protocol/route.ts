import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { PlanGate } from '../../http/index.ts';
import { isHashiError, jsonDepth, jsonTooDeep, MAX_JSON_DEPTH, nonFiniteNumberPath } from '../../kernel/index.ts';
import type { AwsAuthenticator } from '../auth/authenticate.ts';
import type { SignedHttpRequest } from '../sigv4/index.ts';
import { AwsError, isAwsError } from './aws-error.ts';
import { sendAwsError, sendAwsResult, unknownOperation } from './reply.ts';
import type { AwsService, CallContext } from './service.ts';

export interface FrontDoorDeps {
  services: AwsService[];
  auth: AwsAuthenticator;
  planGate: PlanGate;
  /** server.publicUrl; empty: queue URLs use the Host the client called. */
  publicUrl: string;
}

// SQS takes messages up to 1 MiB (and batches of that size); JSON escaping and base64 can double it.
const BODY_LIMIT = 4 * 1024 * 1024;
const CONTENT_TYPES = ['application/x-amz-json-1.0', 'application/x-amz-json-1.1'];
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

const errorSchema = {
  title: 'AwsJsonError',
  type: 'object',
  description: 'An AWS JSON protocol error: the SDKs raise an exception named after __type.',
  properties: { __type: { type: 'string' }, message: { type: 'string' } },
} as const;

function serviceOf(services: Map<string, AwsService>, request: FastifyRequest): { service: AwsService | undefined; target: string; operation: string } {
  const target = String(request.headers['x-amz-target'] ?? '');
  const dot = target.lastIndexOf('.');
  return { service: dot > 0 ? services.get(target.slice(0, dot)) : undefined, target, operation: target.slice(dot + 1) };
}

function signedRequest(request: FastifyRequest): SignedHttpRequest {
  const url = request.raw.url ?? '/';
  const q = url.indexOf('?');
  return {
    method: request.method,
    path: q < 0 ? url : url.slice(0, q),
    query: q < 0 ? '' : url.slice(q + 1),
    headers: request.raw.headersDistinct,
    body: rawBodies.get(request) ?? Buffer.alloc(0),
  };
}

/** Errors Fastify raises before the handler (body parsing, size, schema) in the AWS shape. */
function parseError(err: FastifyError): AwsError {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AwsError('RequestEntityTooLargeException', `Request body is larger than ${BODY_LIMIT} bytes`, 413);
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new AwsError('UnsupportedMediaTypeException', `Hashi speaks the AWS JSON protocols only: send Content-Type ${CONTENT_TYPES.join(' or ')} (the query protocol is not supported)`, 415);
  }
  return new AwsError('SerializationException', err.validation ? 'The request body must be a JSON object' : `The request body is not valid JSON: ${err.message}`, 400);
}

/**
 * `POST /` for the AWS JSON protocols: the service is chosen by X-Amz-Target
 * (`AWSEvents.*`, `AmazonSQS.*`), the request verified with SigV4 over the raw
 * bytes and charged to the key's usage plan, and every answer — success or
 * error — is in the AWS shape, never Hashi's envelope.
 */
export function awsFrontDoor(deps: FrontDoorDeps) {
  const services = new Map(deps.services.map((s) => [s.target, s]));
  return async (app: FastifyInstance) => {
    app.addContentTypeParser(CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (request, body, done) => {
      const raw = body as Buffer;
      rawBodies.set(request, raw);
      let value: unknown;
      try {
        value = raw.length === 0 ? {} : JSON.parse(raw.toString('utf8'));
      } catch (err) {
        return done(Object.assign(err as Error, { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
      }
      // Checked before any operation walks it (a few thousand levels overflowed the stack: a 500).
      if (jsonDepth(value) > MAX_JSON_DEPTH) return done(new AwsError('ValidationException', jsonTooDeep('the request body').message, 400), undefined);
      // As the JSON routes: a number a double cannot hold (1e309 reads as Infinity) is the caller's mistake, said here.
      const infinite = nonFiniteNumberPath(value);
      if (infinite) return done(new AwsError('ValidationException', `${infinite} is a number too large for a 64-bit float (it would read as Infinity)`, 400), undefined);
      done(null, value);
    });

    app.setErrorHandler((err: FastifyError, request, reply) => {
      const { service } = serviceOf(services, request);
      const mapped = isAwsError(err) ? err : isHashiError(err) && service ? service.toAwsError(err) : parseError(err);
      if (mapped.status >= 500) request.log.error({ err }, 'AWS front door: request failed');
      return sendAwsError(request, reply, service?.jsonVersion ?? '1.1', mapped, service?.target === 'AmazonSQS');
    });

    app.post(
      '/',
      {
        bodyLimit: BODY_LIMIT,
        config: { auth: 'none', rateLimit: false },
        schema: {
          tags: ['aws'],
          summary: 'EventBridge (X-Amz-Target: AWSEvents.<Operation>, AWS JSON 1.1) and SQS (AmazonSQS.<Operation>, AWS JSON 1.0), signed with SigV4',
          headers: { type: 'object', properties: { 'x-amz-target': { type: 'string', description: 'AWSEvents.<Operation> or AmazonSQS.<Operation>' } } },
          body: { type: 'object', additionalProperties: true, description: 'The operation input, as the AWS API reference defines it.' },
          response: { 200: { type: 'object', additionalProperties: true, description: 'The operation output.' }, 400: errorSchema, 403: errorSchema, 404: errorSchema, 413: errorSchema, 415: errorSchema, 500: errorSchema },
        },
      },
      async (request, reply) => {
        const { service, target, operation } = serviceOf(services, request);
        // Operation names are public: an unknown one is refused before the signature is checked.
        const op = service && Object.hasOwn(service.operations, operation) ? service.operations[operation] : undefined;
        if (!service || !op) throw unknownOperation(target);
        try {
          const auth = await deps.auth.authenticate(signedRequest(request), service);
          if (!auth.ok) throw service.authError(auth.failure, auth.message);
          const { caller } = auth;
          request.principal = { scheme: 'sigv4', keyId: caller.accessKeyId, tenant: caller.tenant, plan: caller.plan, admin: false };
          deps.planGate.checkAddress({ plan: caller.plan, admin: false }, request.ip);
          await deps.planGate.admit({ keyId: caller.accessKeyId, plan: caller.plan, admin: false }).catch((err: unknown) => {
            throw isHashiError(err) && err.status === 429 ? service.authError('throttled', err.message) : err;
          });
          const ctx: CallContext = {
            caller,
            request,
            get signal() {
              return request.deadline.signal;
            },
            origin: deps.publicUrl ? deps.publicUrl.replace(/\/+$/, '') : `${request.protocol}://${request.headers.host ?? 'localhost'}`,
          };
          return sendAwsResult(request, reply, service.jsonVersion, await op(request.body as Record<string, unknown>, ctx));
        } catch (err) {
          const mapped = isAwsError(err) ? err : service.toAwsError(err);
          if (mapped.status >= 500) request.log.error({ err }, 'AWS front door: operation failed');
          return sendAwsError(request, reply, service.jsonVersion, mapped, service.target === 'AmazonSQS');
        }
      },
    );
  };
}
