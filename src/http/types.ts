import type { FastifyRequest } from 'fastify';

/** Who is calling, as resolved by an auth scheme. Handlers receive it as `request.principal`. */
export interface Principal {
  /** Which scheme authenticated the call: `key`, `admin`, `jwt`, `signed`, … */
  scheme: string;
  /** The API key id (or the JWT subject) that quotas and budgets are charged to. */
  keyId: string;
  tenant: string;
  /** The end customer, when the credential names one (e.g. a JWT claim). */
  customerId?: string;
  /** Usage plan name; selects the rate limit and quota. */
  plan: string;
  admin: boolean;
  /** When the credential stops being valid (ms epoch), e.g. a JWT's exp. */
  expiresAt?: number;
}

/**
 * A way to authenticate a request. Schemes are tried in order; the first
 * whose `accepts` is true decides (success, or an AuthError).
 */
export interface AuthScheme {
  name: string;
  accepts(request: FastifyRequest): boolean;
  authenticate(request: FastifyRequest): Promise<Principal>;
}

/** `none`: public; `key`: any scheme; `admin`: the admin key only. */
export type RouteAuth = 'none' | 'key' | 'admin';

export interface RequestDeadline {
  /** ms epoch after which the caller has been answered 504. */
  at: number;
  /** Aborted at the deadline or when the client disconnects. */
  signal: AbortSignal;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
    deadline: RequestDeadline;
    /** The JSON body's text as it arrived (set by the JSON body parser): pass-through forwards it instead of re-serialising the parsed value. */
    rawJson?: string;
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** false: no 29 s deadline (long-lived streams manage their own). */
    deadline?: boolean;
    /** false: not counted against the key's rate limit and quota. */
    rateLimit?: boolean;
    /**
     * true: the API key may also come as `?api_key=` (for clients that cannot
     * set headers: browser EventSource). A header, when sent, wins.
     */
    queryKey?: boolean;
    /** What the OpenAPI document says beyond the route schema; never compiled, so never serializes (openapi.ts). */
    openapi?: OpenApiExtras;
  }
}

/**
 * Documentation-only additions to a route's OpenAPI operation. For routes whose
 * answer Fastify must not re-serialize (provider bytes passed through, event
 * streams, a WebSocket upgrade): a response schema here describes the body
 * without fast-json-stringify ever shaping it.
 */
export interface OpenApiExtras {
  description?: string;
  /** Response objects by status, as in a Fastify route schema (`description`, a schema, or `content` by media type). */
  responses?: Record<string, unknown>;
  querystring?: unknown;
  headers?: unknown;
  /** A request body the route takes as raw bytes (no `schema.body`, which would parse and validate it). */
  body?: unknown;
  consumes?: string[];
  [extension: `x-${string}`]: unknown;
}
