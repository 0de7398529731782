import { defineCodes } from '../kernel/index.ts';

export const HTTP_CODES = defineCodes({
  ROUTE_NOT_FOUND: { status: 404, description: 'No route matches the method and path.' },
  VALIDATION_FAILED: { status: 400, description: 'The request failed its JSON Schema; details lists every error.' },
  INVALID_JSON: { status: 400, description: 'The body is not valid JSON.' },
  BAD_REQUEST: { status: 400, description: 'The request is malformed (headers, content length, encoding).' },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The body is larger than server.bodyLimitBytes.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, description: 'The Content-Type is not accepted by this route.' },
  DEADLINE_EXCEEDED: { status: 504, description: 'The route did not finish within server.requestTimeoutMs.' },
  AUTH_REQUIRED: { status: 401, description: 'No credential was presented.' },
  AUTH_INVALID: { status: 401, description: 'The credential is unknown, malformed, expired or revoked.' },
  FORBIDDEN: { status: 403, description: 'The credential may not use this route.' },
  ADMIN_DISABLED: { status: 403, description: 'Admin endpoints are off because admin.key is empty.' },
  RATE_LIMITED: { status: 429, description: "The key's plan allows no more requests right now; see Retry-After." },
  QUOTA_EXCEEDED: { status: 429, description: "The key's daily quota is used up; see Retry-After." },
  SERVICE_UNAVAILABLE: { status: 503, description: 'A dependency is down or the server is shutting down.' },
  NOT_FOUND: { status: 404, description: 'The resource does not exist (or is not visible to the caller).' },
  IDEMPOTENCY_KEY_INVALID: { status: 400, description: 'The Idempotency-Key header is not 1–255 visible ASCII characters.' },
  IDEMPOTENCY_KEY_MISMATCH: { status: 422, description: 'The Idempotency-Key was already used with a different request body.' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, description: 'A request with this Idempotency-Key is still running; retry shortly.' },
  CONFLICT: { status: 409, description: 'The request conflicts with the resource state.' },
});
