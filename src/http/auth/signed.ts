import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AuthConfig } from '../../config/index.ts';
import { AuthError, type Clock } from '../../kernel/index.ts';
import type { AuthScheme, Principal } from '../types.ts';
import { bearerToken } from '../plugins/auth.ts';

// <api_key>:<64 hex>:<ISO-8601 timestamp> — the timestamp itself contains colons.
const SIGNED = /^([A-Za-z0-9._-]+):([0-9a-fA-F]{64}):(\d{4}-\d{2}-\d{2}T[0-9:.]+(?:Z|[+-]\d{2}:?\d{2}))$/;

/**
 * The integration partners' signed requests:
 * `Authorization: Bearer <api_key>:<hmac_sha256_hex(secret, api_key:timestamp)>:<timestamp>`,
 * refused outside ±`windowSeconds` of the server clock.
 */
export function signedRequestScheme(settings: Pick<AuthConfig, 'partners' | 'signedWindowSeconds'>, clock: Clock): AuthScheme {
  const parse = (request: FastifyRequest) => {
    const token = bearerToken(request);
    const m = token ? SIGNED.exec(token) : null;
    return m ? { apiKey: m[1]!, signature: m[2]!.toLowerCase(), timestamp: m[3]! } : undefined;
  };
  return {
    name: 'signed',
    accepts: (request) => parse(request) !== undefined,
    async authenticate(request): Promise<Principal> {
      const { apiKey, signature, timestamp } = parse(request)!;
      const partner = settings.partners[apiKey];
      const at = Date.parse(timestamp);
      if (Number.isNaN(at)) throw new AuthError('AUTH_INVALID', 'signed request: timestamp is not an ISO-8601 time');
      const skew = Math.round((clock.now() - at) / 1000);
      if (Math.abs(skew) > settings.signedWindowSeconds) {
        throw new AuthError('AUTH_INVALID', `signed request: timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'in the future'} (window ±${settings.signedWindowSeconds} s)`);
      }
      // Unknown partner and bad signature answer alike, so keys cannot be enumerated.
      const expected = createHmac('sha256', partner?.secret ?? 'unknown-partner').update(`${apiKey}:${timestamp}`).digest();
      const given = Buffer.from(signature, 'hex');
      if (!partner || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new AuthError('AUTH_INVALID', 'signed request: signature does not verify');
      }
      return {
        scheme: 'signed',
        keyId: `partner:${apiKey}`,
        tenant: partner.tenant,
        plan: partner.plan ?? 'default',
        admin: false,
        ...(partner.customerId ? { customerId: partner.customerId } : {}),
      };
    },
  };
}

/** What a partner computes (also used by tests and the docs' curl example). */
export function signPartnerRequest(apiKey: string, secret: string, timestamp: string): string {
  const mac = createHmac('sha256', secret).update(`${apiKey}:${timestamp}`).digest('hex');
  return `Bearer ${apiKey}:${mac}:${timestamp}`;
}
