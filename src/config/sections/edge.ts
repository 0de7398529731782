/** The edge's CORS, IP rules, security headers and trusted proxies (under `server:`). */

/**
 * The route groups CORS and IP rules are set for; `http/route-groups.ts`
 * says which paths belong to each (and a test checks every route has one).
 */
export const ROUTE_GROUPS = ['ops', 'docs', 'admin', 'fm', 'events', 'aws', 'webhooks', 'apps'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

const ipListSchema = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

/** `allowIps` / `denyIps`, shared by the edge's IP rules and the usage plans. */
export const ipRuleProperties = {
  allowIps: { ...ipListSchema, description: 'CIDRs or addresses (IPv4, IPv6) allowed; absent or empty: any address not denied.' },
  denyIps: { ...ipListSchema, description: 'CIDRs or addresses refused (403 IP_NOT_ALLOWED), even when also allowed.' },
} as const;

const ipRuleSetSchema = { type: 'object', additionalProperties: false, properties: ipRuleProperties } as const;

export const trustProxySchema = {
  description:
    'Which peers may set X-Forwarded-For (and -Proto, -Host), as Fastify takes it: false (none: the client IP is the socket peer); ' +
    'a hop count (trust that many proxies in front, e.g. 1 behind one load balancer); a list of proxy CIDRs or addresses ' +
    '(or loopback, linklocal, uniquelocal); or true — every peer, so ANY client can forge X-Forwarded-For and pick the address ' +
    'IP rules, rate limits and logs see. Prefer the list of your proxies; a hop count trusts whatever peer is nearest, so only when Hashi is reachable through those proxies alone.',
  default: false,
  oneOf: [
    { type: 'boolean' },
    { type: 'integer', minimum: 0 },
    { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
  ],
} as const;

const corsPolicyProperties = {
  origins: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    description: "Origins allowed, exactly as browsers send them (https://app.example.com, with the port when not the default); ['*']: any origin, and then credentials must be false. Empty: no CORS.",
  },
  credentials: { type: 'boolean', description: 'Send Access-Control-Allow-Credentials (cookies, TLS client certificates). Not needed for `Authorization: Bearer` or x-api-key.' },
  methods: { type: 'array', items: { type: 'string', pattern: '^[A-Z]+$' }, description: 'Methods a preflight allows.' },
  allowedHeaders: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Request headers a preflight allows; empty: the ones the preflight asks for.' },
  exposedHeaders: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Response headers a page may read.' },
  maxAgeSeconds: { type: 'integer', minimum: 0, description: 'How long a browser may cache a preflight answer.' },
} as const;

export const corsSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Cross-origin requests from browser pages on other origins (off by default: the docs page is same-origin).',
  properties: {
    origins: { ...corsPolicyProperties.origins, default: [] },
    credentials: { ...corsPolicyProperties.credentials, default: false },
    methods: { ...corsPolicyProperties.methods, default: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] },
    allowedHeaders: { ...corsPolicyProperties.allowedHeaders, default: [] },
    exposedHeaders: {
      ...corsPolicyProperties.exposedHeaders,
      default: ['x-request-id', 'retry-after', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-quota-remaining', 'idempotent-replayed', 'location', 'x-hashi-model', 'x-hashi-cost-usd', 'x-hashi-overhead-ms'],
    },
    maxAgeSeconds: { ...corsPolicyProperties.maxAgeSeconds, default: 600 },
    groups: {
      type: 'object',
      default: {},
      description: `Per route group (${ROUTE_GROUPS.join(', ')}): settings that replace the ones above for that group's routes, e.g. {fm: {origins: [https://chat.example.com]}, admin: {origins: []}}.`,
      propertyNames: { enum: [...ROUTE_GROUPS] },
      additionalProperties: { type: 'object', additionalProperties: false, properties: corsPolicyProperties },
    },
  },
} as const;

export const ipRulesSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Client IP allow and deny lists, checked on the client address (see trustProxy) before authentication; usage plans can add their own (plans.<name>.allowIps/denyIps).',
  properties: {
    allowIps: { ...ipRuleProperties.allowIps, default: [] },
    denyIps: { ...ipRuleProperties.denyIps, default: [] },
    groups: {
      type: 'object',
      default: {},
      description: `Per route group (${ROUTE_GROUPS.join(', ')}), checked as well as the lists above, e.g. {admin: {allowIps: [10.0.0.0/8]}}.`,
      propertyNames: { enum: [...ROUTE_GROUPS] },
      additionalProperties: ipRuleSetSchema,
    },
  },
} as const;

export const securityHeadersSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Security headers (helmet) on HTML pages (/docs); every response gets X-Content-Type-Options: nosniff.',
  properties: {
    enabled: { type: 'boolean', default: true, description: 'false: none of these headers.' },
    contentSecurityPolicy: {
      type: 'object',
      default: {},
      description: "Directives replacing the defaults (default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; …), e.g. {img-src: [\"'self'\", https://cdn.example.com]}; an empty list removes the directive.",
      propertyNames: { pattern: '^[a-z-]+$' },
      additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } },
    },
    referrerPolicy: {
      enum: ['no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin', 'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'],
      default: 'no-referrer',
      description: 'Referrer-Policy of HTML pages.',
    },
    hstsMaxAgeSeconds: { type: 'integer', minimum: 0, default: 0, description: 'Strict-Transport-Security max-age on every response; 0: not sent (set it only when clients reach Hashi over HTTPS).' },
    hstsIncludeSubDomains: { type: 'boolean', default: false, description: 'Add includeSubDomains to Strict-Transport-Security.' },
  },
} as const;

export interface IpRuleConfig {
  allowIps?: string[];
  denyIps?: string[];
}

export interface CorsPolicyConfig {
  origins?: string[];
  credentials?: boolean;
  methods?: string[];
  allowedHeaders?: string[];
  exposedHeaders?: string[];
  maxAgeSeconds?: number;
}

export interface CorsConfig extends Required<CorsPolicyConfig> {
  groups: Partial<Record<RouteGroup, CorsPolicyConfig>>;
}

export interface IpRulesConfig extends IpRuleConfig {
  groups: Partial<Record<RouteGroup, IpRuleConfig>>;
}

export interface SecurityHeadersConfig {
  enabled: boolean;
  contentSecurityPolicy: Record<string, string[]>;
  referrerPolicy: string;
  hstsMaxAgeSeconds: number;
  hstsIncludeSubDomains: boolean;
}

/** What Fastify's trustProxy takes from the configuration. */
export type TrustProxyConfig = boolean | number | string[];
