import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError } from 'fastify';
import type { Logger } from '../../observability/index.ts';
import type { ErrorEnvelope } from './errors.ts';

// Node's client errors (no request object exists yet) and how they read in our envelope.
const CLIENT_ERRORS: Record<string, { status: number; code: string; message: (limits: ClientErrorLimits) => string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: {
    status: 408,
    code: 'REQUEST_TIMEOUT',
    message: (l) => `the request did not arrive in time: headers within ${l.headersTimeoutMs} ms, the whole request within ${l.bodyTimeoutMs} ms`,
  },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'HEADERS_TOO_LARGE', message: () => 'the request headers are larger than the server accepts' },
};

export interface ClientErrorLimits {
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/**
 * Fastify's `clientErrorHandler`: errors Node raises before a request exists
 * (a request that did not arrive within the server timeouts, oversized or
 * unparseable headers) answer in the one envelope, then the socket is
 * destroyed: such a connection is never reused.
 */
export function clientErrorHandler(limits: ClientErrorLimits, newRequestId: () => string, log: Logger) {
  return function handleClientError(err: ConnectionError, socket: Socket): void {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const known = err.code ? CLIENT_ERRORS[err.code] : undefined;
    const status = known?.status ?? 400;
    const requestId = newRequestId();
    const envelope: ErrorEnvelope = {
      error: { code: known?.code ?? 'BAD_REQUEST', message: known ? known.message(limits) : 'the request is not valid HTTP', requestId },
    };
    const body = JSON.stringify(envelope);
    log.debug({ err: { code: err.code, message: err.message }, requestId }, 'client error');
    // A response already under way on this socket must not be followed by another one.
    // Write then destroy, as Node's own handler does: the few bytes reach the kernel at once.
    const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) {
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}
