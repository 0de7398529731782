/** Server, store, cache, logging, admin, plans and queue settings. */
import { corsSchema, ipRuleProperties, ipRulesSchema, securityHeadersSchema, trustProxySchema, type CorsConfig, type IpRulesConfig, type SecurityHeadersConfig, type TrustProxyConfig } from './edge.ts';

export const serverSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'The HTTP edge.',
  properties: {
    host: { type: 'string', default: '127.0.0.1', description: 'Interface to listen on.' },
    port: { type: 'integer', minimum: 0, maximum: 65535, default: 8787, description: 'TCP port (0 picks a free one).' },
    bodyLimitBytes: { type: 'integer', minimum: 1024, default: 262144, description: 'Largest request body accepted; larger gets 413.' },
    requestTimeoutMs: { type: 'integer', minimum: 100, default: 29000, description: 'Route deadline; past it the caller gets 504 (and a connection still sending its body is closed).' },
    headersTimeoutMs: { type: 'integer', minimum: 100, default: 10000, description: 'The request headers must arrive within this (slowloris guard); else 408 and the connection closes. At most bodyTimeoutMs.' },
    bodyTimeoutMs: { type: 'integer', minimum: 100, default: 30000, description: 'The whole request, headers and body, must arrive within this, on every route (streams too); else 408 and the connection closes.' },
    keepAliveTimeoutMs: { type: 'integer', minimum: 100, default: 72000, description: 'An idle keep-alive connection is closed after this (keep it above a load balancer\'s idle timeout, e.g. 60 s on AWS ALB).' },
    shutdownGraceMs: { type: 'integer', minimum: 0, default: 10000, description: 'How long shutdown waits for in-flight requests and jobs.' },
    memoryHeadroomMb: { type: 'integer', minimum: 0, default: 48, description: 'When RSS has grown this many MB since the last full garbage collection, ask V8 for one (at most every 2 s): refused request bodies otherwise stay resident as garbage long after the request. 0: off (V8 decides alone).' },
    trustProxy: trustProxySchema,
    publicUrl: { type: 'string', default: '', description: 'Base URL used in Location headers and docs (empty: derived from the request).' },
    idempotencyTtlMs: { type: 'integer', minimum: 1000, default: 86400000, description: 'How long an Idempotency-Key response is kept for replay.' },
    cors: corsSchema,
    ipRules: ipRulesSchema,
    securityHeaders: securityHeadersSchema,
  },
} as const;

export const storeSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'State, queue, archive and idempotency store.',
  properties: {
    url: {
      type: 'string',
      default: '',
      description: 'Empty: SQLite file hashi.db in the data dir; sqlite:/path/file.db; or postgres://user@host/db.',
    },
    schema: { type: 'string', default: '', description: 'PostgreSQL schema to use (empty: the connection default).' },
    poolSize: { type: 'integer', minimum: 1, default: 10, description: 'PostgreSQL connection pool size.' },
  },
} as const;

export const cacheSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Response cache and rate-limit counters.',
  properties: {
    url: { type: 'string', default: '', description: 'Empty: in memory (one process); redis://host:6379 to share across replicas.' },
    keyPrefix: { type: 'string', default: 'hashi:', description: 'Prefix of every Redis key.' },
    maxEntries: { type: 'integer', minimum: 1, default: 10000, description: 'Memory cache size (LRU).' },
  },
} as const;

export const logSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Logging.',
  properties: {
    level: {
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
      description: 'Minimum level written.',
    },
  },
} as const;

export const adminSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Admin endpoints (/admin/*).',
  properties: {
    key: { type: 'string', default: '', description: 'Admin API key (use ${HASHI_ADMIN_KEY}); empty disables admin endpoints.' },
  },
} as const;

export const authSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'Credentials besides API keys: JWTs and signed partner requests.',
  properties: {
    cacheTtlMs: { type: 'integer', minimum: 0, default: 300000, description: 'How long an authorization decision is cached.' },
    jwt: {
      type: 'object',
      additionalProperties: false,
      description: 'Accept `Authorization: Bearer <JWT>` (HS256 with a secret, or RS256 with a JWKS).',
      properties: {
        secret: { type: 'string', description: 'HS256 shared secret.' },
        jwksFile: { type: 'string', description: 'Path of a JWKS JSON file (RS256 public keys).' },
        jwksUrl: { type: 'string', description: 'URL of a JWKS endpoint (fetched and cached).' },
        issuer: { type: 'string', description: 'Required `iss`.' },
        audience: { type: 'string', description: 'Required `aud`.' },
        customerClaim: { type: 'string', default: 'custom:customer_id', description: 'Claim that names the end customer.' },
        tenantClaim: { type: 'string', default: 'tenant', description: 'Claim that names the tenant.' },
        defaultTenant: { type: 'string', default: 'default', description: 'Tenant when the token has no tenant claim.' },
        planClaim: { type: 'string', default: 'plan', description: 'Claim that names the usage plan (rate-limit tier).' },
        defaultPlan: { type: 'string', default: 'default', description: 'Plan when the token has no plan claim.' },
        clockToleranceSeconds: { type: 'integer', minimum: 0, default: 30, description: 'Allowed clock skew for exp/nbf.' },
      },
    },
    partners: {
      type: 'object',
      default: {},
      description: 'Signed-request partners by API key: `Bearer <api_key>:<hmac_sha256_hex(secret, api_key:timestamp)>:<ISO-8601 timestamp>`.',
      additionalProperties: {
        type: 'object',
        required: ['secret', 'tenant'],
        additionalProperties: false,
        properties: {
          secret: { type: 'string', minLength: 16 },
          tenant: { type: 'string' },
          plan: { type: 'string' },
          customerId: { type: 'string' },
        },
      },
    },
    signedWindowSeconds: { type: 'integer', minimum: 1, default: 300, description: 'Signed requests older or newer than this are refused.' },
  },
} as const;

const planSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['rps'],
  properties: {
    rps: { type: 'number', exclusiveMinimum: 0, description: 'Sustained requests per second.' },
    burst: { type: 'integer', minimum: 1, description: 'Bucket size (default: 2 × rps).' },
    dailyQuota: { type: 'integer', minimum: 0, description: 'Requests per UTC day (0: unlimited).' },
    allowIps: { ...ipRuleProperties.allowIps, description: "CIDRs or addresses the plan's keys may call from (absent or empty: any not denied)." },
    denyIps: { ...ipRuleProperties.denyIps, description: "CIDRs or addresses the plan's keys may not call from (403 IP_NOT_ALLOWED)." },
  },
} as const;

export const plansSchema = {
  type: 'object',
  default: { default: { rps: 10, burst: 20, dailyQuota: 100000 } },
  description: 'Usage plans by name; every API key has one.',
  additionalProperties: planSchema,
} as const;

const jobTypeSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    concurrency: { type: 'integer', minimum: 1, description: 'Jobs of this type run at once per process.' },
    maxAttempts: { type: 'integer', minimum: 1, description: 'Attempts before the DLQ.' },
    backoffBaseMs: { type: 'integer', minimum: 0, description: 'First retry delay; doubles each attempt.' },
    backoffMaxMs: { type: 'integer', minimum: 0, description: 'Longest retry delay.' },
    maxAgeMs: { type: 'integer', minimum: 1000, description: 'A job older than this goes to the DLQ instead of retrying.' },
    visibilityTimeoutMs: { type: 'integer', minimum: 100, description: 'A claimed job reappears after this if not acked.' },
    batchSize: { type: 'integer', minimum: 1, description: 'Jobs claimed at once by a batch handler.' },
  },
} as const;

export const queueSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'The durable job queue.',
  properties: {
    pollIntervalMs: { type: 'integer', minimum: 10, default: 200, description: 'Idle poll interval of each worker loop.' },
    sweepIntervalMs: { type: 'integer', minimum: 100, default: 5000, description: 'How often expired leases past max attempts are dead-lettered.' },
    defaults: {
      ...jobTypeSchema,
      default: {},
      properties: {
        concurrency: { ...jobTypeSchema.properties.concurrency, default: 4 },
        maxAttempts: { ...jobTypeSchema.properties.maxAttempts, default: 5 },
        backoffBaseMs: { ...jobTypeSchema.properties.backoffBaseMs, default: 1000 },
        backoffMaxMs: { ...jobTypeSchema.properties.backoffMaxMs, default: 300000 },
        maxAgeMs: { ...jobTypeSchema.properties.maxAgeMs, default: 86400000 },
        visibilityTimeoutMs: { ...jobTypeSchema.properties.visibilityTimeoutMs, default: 30000 },
        batchSize: { ...jobTypeSchema.properties.batchSize, default: 10 },
      },
    },
    types: {
      type: 'object',
      default: {},
      description: 'Overrides per job type (e.g. events.deliver).',
      additionalProperties: jobTypeSchema,
    },
  },
} as const;

export interface PlanConfig {
  rps: number;
  burst?: number;
  dailyQuota?: number;
  allowIps?: string[];
  denyIps?: string[];
}

export interface JobTypeSettings {
  concurrency: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  maxAgeMs: number;
  visibilityTimeoutMs: number;
  batchSize: number;
}

export interface JwtAuthConfig {
  secret?: string;
  jwksFile?: string;
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
  customerClaim: string;
  tenantClaim: string;
  defaultTenant: string;
  planClaim: string;
  defaultPlan: string;
  clockToleranceSeconds: number;
}

export interface AuthConfig {
  cacheTtlMs: number;
  jwt?: JwtAuthConfig;
  partners: Record<string, { secret: string; tenant: string; plan?: string; customerId?: string }>;
  signedWindowSeconds: number;
}

export interface CoreConfig {
  auth: AuthConfig;
  server: {
    host: string;
    port: number;
    bodyLimitBytes: number;
    requestTimeoutMs: number;
    headersTimeoutMs: number;
    bodyTimeoutMs: number;
    keepAliveTimeoutMs: number;
    shutdownGraceMs: number;
    memoryHeadroomMb: number;
    trustProxy: TrustProxyConfig;
    publicUrl: string;
    idempotencyTtlMs: number;
    cors: CorsConfig;
    ipRules: IpRulesConfig;
    securityHeaders: SecurityHeadersConfig;
  };
  store: { url: string; schema: string; poolSize: number };
  cache: { url: string; keyPrefix: string; maxEntries: number };
  log: { level: string };
  admin: { key: string };
  plans: Record<string, PlanConfig>;
  queue: {
    pollIntervalMs: number;
    sweepIntervalMs: number;
    defaults: JobTypeSettings;
    types: Record<string, Partial<JobTypeSettings>>;
  };
}
