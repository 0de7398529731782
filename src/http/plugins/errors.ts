import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HashiError, toIssues } from '../../kernel/index.ts';

export interface ErrorEnvelope {
  error: { code: string; message: string; details?: unknown; requestId: string };
}

// Fastify's own client-error codes and how they read in our envelope.
const FASTIFY_CODES: Record<string, { code: string; status: number }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', status: 413 },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', status: 400 },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', status: 400 },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', status: 400 },
  FST_ERR_CTP_EMPTY_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', status: 415 },
};

export function sendError(request: FastifyRequest, reply: FastifyReply, status: number, code: string, message: string, details?: unknown): FastifyReply {
  const body: ErrorEnvelope = { error: { code, message, requestId: String(request.id) } };
  if (details !== undefined) body.error.details = details;
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** Every error leaves the server in the one envelope; caller mistakes are 4xx, never 500. */
export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HashiError | Error, request, reply) => {
    if (reply.sent || reply.raw.headersSent) return;
    if (err instanceof HashiError) {
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
      for (const [k, v] of Object.entries(err.headers ?? {})) reply.header(k, v);
      if (err.status >= 500) request.log.error({ err }, 'request failed');
      return sendError(request, reply, err.status, err.code, err.message, err.details);
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const issues = toIssues(fe.validation as never).map((i) => ({
        ...i,
        path: fe.validationContext && fe.validationContext !== 'body' ? `${fe.validationContext}.${i.path}`.replace(/\.\(root\)$/, '') : i.path,
      }));
      return sendError(request, reply, 400, 'VALIDATION_FAILED', `request ${fe.validationContext ?? 'body'} is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`, issues);
    }
    const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
    if (mapped) return sendError(request, reply, mapped.status, mapped.code, fe.message);
    if (err instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message))) {
      return sendError(request, reply, 400, 'INVALID_JSON', `body is not valid JSON: ${fe.message}`);
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendError(request, reply, fe.statusCode, fe.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST', fe.message);
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(request, reply, 500, 'INTERNAL', 'internal error; quote the request id when reporting it');
  });

  app.setNotFoundHandler((request, reply) => {
    sendError(request, reply, 404, 'ROUTE_NOT_FOUND', `no route for ${request.method} ${request.url.split('?')[0]}`);
  });
}
