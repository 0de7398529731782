/**
 * Domain types for inbound webhook verification: the `sources.<name>` entry of
 * hashi.yaml, the headers and result shapes every scheme shares, and the JSON
 * Schema fragment the config loader merges into its schema.
 */

export const SCHEME_NAMES = ['stripe', 'standard-webhooks', 'github', 'shopify', 'slack', 'hmac'] as const;
export type SchemeName = (typeof SCHEME_NAMES)[number];

/** Options of the generic `hmac` scheme (HMAC-SHA256 over the raw body). */
export interface HmacOptions {
  /** Header that carries the signature, matched case-insensitively. */
  signatureHeader: string;
  /** Header with a unix-seconds timestamp; when set, the timestamp is required and checked. */
  timestampHeader?: string;
  /** How the digest is written in the header. */
  encoding: 'hex' | 'base64';
  /** Text before the digest, e.g. `sha256=`; required in the header when set. Default: none. */
  prefix?: string;
  /**
   * What is signed: the raw body, or `${timestamp}.${body}`.
   * Default: `timestamp.body` when `timestampHeader` is set, otherwise `body`.
   */
  payload?: 'body' | 'timestamp.body';
}

export interface SourceDefinition {
  scheme: SchemeName;
  /** Several may be active at once (rotation); any one may match. */
  secrets: string[];
  /** Seconds of clock difference accepted either way, for schemes that sign a timestamp. Default 300. */
  tolerance?: number;
  /** Required when `scheme` is `hmac`, ignored otherwise. */
  hmac?: HmacOptions;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;

/** Incoming headers as Node and Fastify give them. */
export type IncomingHeaders = Record<string, string | string[] | undefined>;

export type RejectReason =
  | 'missing_signature'
  | 'missing_timestamp'
  | 'malformed_signature'
  | 'invalid_signature'
  | 'stale_timestamp'
  | 'future_timestamp';

export interface VerifiedDelivery {
  valid: true;
  /** The signed timestamp (unix seconds), for schemes that have one. */
  timestamp?: number;
  /** The provider's delivery/message id, where the scheme carries one in a header (a dedupe key). */
  id?: string;
}

export interface RejectedDelivery {
  valid: false;
  reason: RejectReason;
  /** Says exactly why; never contains a secret or a whole signature. */
  message: string;
}

export type VerifyResult = VerifiedDelivery | RejectedDelivery;

/** One scheme's check. `nowSeconds` is the receiver's clock in unix seconds. */
export type SchemeVerifier = (
  def: SourceDefinition,
  headers: IncomingHeaders,
  rawBody: Buffer,
  nowSeconds: number,
) => VerifyResult;

/**
 * JSON Schema (draft 2020-12 / Ajv 8) for one source definition. The config
 * schema uses it as `sources: { type: 'object', additionalProperties: SOURCE_DEFINITION_SCHEMA }`.
 */
export const SOURCE_DEFINITION_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['scheme', 'secrets'],
  properties: {
    scheme: { enum: [...SCHEME_NAMES], description: 'How the provider signs its deliveries.' },
    secrets: {
      type: 'array',
      minItems: 1,
      items: { type: 'string', minLength: 1 },
      description: 'Signing secrets; several may be active at once during rotation.',
    },
    tolerance: {
      type: 'integer',
      minimum: 1,
      default: DEFAULT_TOLERANCE_SECONDS,
      description: 'Seconds of clock difference accepted, past or future, for timestamped schemes.',
    },
    hmac: {
      type: 'object',
      additionalProperties: false,
      required: ['signatureHeader', 'encoding'],
      properties: {
        signatureHeader: { type: 'string', minLength: 1 },
        timestampHeader: { type: 'string', minLength: 1 },
        encoding: { enum: ['hex', 'base64'] },
        prefix: { type: 'string' },
        payload: { enum: ['body', 'timestamp.body'] },
      },
    },
  },
  allOf: [
    {
      if: { properties: { scheme: { const: 'hmac' } }, required: ['scheme'] },
      then: { required: ['hmac'] },
    },
    {
      if: { properties: { hmac: { properties: { payload: { const: 'timestamp.body' } }, required: ['payload'] } }, required: ['hmac'] },
      then: { properties: { hmac: { required: ['timestampHeader'] } } },
    },
  ],
} as const;
