import type { FastifyError, FastifyInstance } from 'fastify';
import { HashiError, toIssues } from '../../../kernel/index.ts';
import type { WireError } from '../errors.ts';

/** OpenAI's error object: `{ error: { message, type, param, code } }`. */
export function openAIError(e: Pick<WireError, 'status' | 'code' | 'message'>, param: string | null = null) {
  return { error: { message: e.message, type: errorType(e.status, e.code), param, code: e.code } };
}

function errorType(status: number, code: string): string {
  if (code === 'FM_BUDGET_EXCEEDED') return 'insufficient_quota';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** Errors of the OpenAI-compatible routes (auth, validation, gateway) in OpenAI's shape, so its SDKs read them. */
export function registerOpenAIErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HashiError | Error, request, reply) => {
    if (reply.sent || reply.raw.headersSent) return;
    if (err instanceof HashiError) {
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
      for (const [k, v] of Object.entries(err.headers ?? {})) reply.header(k, v);
      if (err.status >= 500) request.log.error({ err }, 'request failed');
      const param = (err.details as { path?: string }[] | undefined)?.[0]?.path ?? null;
      return reply.code(err.status).send(openAIError(err, Array.isArray(err.details) ? param : null));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const issues = toIssues(fe.validation as never);
      const message = `request ${fe.validationContext ?? 'body'} is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
      return reply.code(400).send(openAIError({ status: 400, code: 'VALIDATION_FAILED', message }, issues[0]?.path ?? null));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.code(fe.statusCode).send(openAIError({ status: fe.statusCode, code: 'BAD_REQUEST', message: fe.message }));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(openAIError({ status: 500, code: 'INTERNAL', message: 'internal error; quote the request id when reporting it' }));
  });
}
