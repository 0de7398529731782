import type { FastifyError, FastifyInstance } from 'fastify';
import { HashiError, toIssues } from '../../../kernel/index.ts';
import type { ClientDialect, WireErrorInfo } from '../../dialects/index.ts';
import { ProviderError } from '../../providers/index.ts';

/** A failure as a client dialect words it. */
export function errorInfo(err: unknown): WireErrorInfo {
  if (err instanceof HashiError) {
    const path = Array.isArray(err.details) ? (err.details as { path?: unknown }[])[0]?.path : undefined;
    return { status: err.status, code: err.code, message: err.message, param: typeof path === 'string' ? path : null };
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error; quote the request id when reporting it', param: null };
}

/**
 * Errors of a wire dialect's routes — auth, validation, budgets, the
 * gateway — in that dialect's own shape, so its SDK raises the right
 * exception. A provider's refusal of the caller's own body in pass-through
 * is handed back exactly as the provider wrote it.
 */
export function registerDialectErrors(app: FastifyInstance, dialect: Pick<ClientDialect, 'renderError'>): void {
  app.setErrorHandler((err: FastifyError | HashiError | Error, request, reply) => {
    if (reply.sent || reply.raw.headersSent) return;
    if (err instanceof ProviderError && err.forward) {
      return reply.code(err.forward.status).type('application/json').send(err.forward.body);
    }
    if (err instanceof HashiError) {
      if (err.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
      for (const [k, v] of Object.entries(err.headers ?? {})) reply.header(k, v);
      if (err.status >= 500) request.log.error({ err }, 'request failed');
      return reply.code(err.status).send(dialect.renderError(errorInfo(err)));
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const issues = toIssues(fe.validation as never);
      const message = `request ${fe.validationContext ?? 'body'} is invalid: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`;
      return reply.code(400).send(dialect.renderError({ status: 400, code: 'VALIDATION_FAILED', message, param: issues[0]?.path ?? null }));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      const code = fe.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST';
      return reply.code(fe.statusCode).send(dialect.renderError({ status: fe.statusCode, code, message: fe.message, param: null }));
    }
    request.log.error({ err }, 'unhandled error');
    return reply.code(500).send(dialect.renderError(errorInfo(err)));
  });
}
