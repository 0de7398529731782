import { readFileSync } from 'node:fs';
import type { FastifyRequest } from 'fastify';
import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, errors as joseErrors, type JWTVerifyGetKey } from 'jose';
import type { JwtAuthConfig } from '../../config/index.ts';
import { AuthError, ValidationError, type Clock } from '../../kernel/index.ts';
import type { AuthScheme, Principal } from '../types.ts';
import { bearerToken } from '../plugins/auth.ts';

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * `Authorization: Bearer <JWT>`: HS256 with a shared secret, or RS256 against a
 * JWKS from a file or URL. Claims map to tenant, customer and plan; the key id
 * quotas are charged to is `jwt:<sub>`.
 */
export function jwtScheme(settings: JwtAuthConfig, clock: Clock): AuthScheme {
  const hmacKey = settings.secret ? new TextEncoder().encode(settings.secret) : undefined;
  let jwks: JWTVerifyGetKey | undefined;
  if (settings.jwksFile) jwks = createLocalJWKSet(JSON.parse(readFileSync(settings.jwksFile, 'utf8')) as Parameters<typeof createLocalJWKSet>[0]);
  else if (settings.jwksUrl) jwks = createRemoteJWKSet(new URL(settings.jwksUrl));
  if (!hmacKey && !jwks) throw new ValidationError('CONFIG_INVALID', 'auth.jwt: set secret (HS256) or jwksFile/jwksUrl (RS256)');

  return {
    name: 'jwt',
    accepts: (request) => {
      const token = bearerToken(request);
      return token !== undefined && JWT_SHAPE.test(token);
    },
    async authenticate(request: FastifyRequest): Promise<Principal> {
      const token = bearerToken(request)!;
      const options = {
        ...(settings.issuer ? { issuer: settings.issuer } : {}),
        ...(settings.audience ? { audience: settings.audience } : {}),
        clockTolerance: settings.clockToleranceSeconds,
        currentDate: new Date(clock.now()),
      };
      let payload: Record<string, unknown>;
      try {
        const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { alg?: string };
        if (header.alg === 'HS256' && hmacKey) payload = (await jwtVerify(token, hmacKey, { ...options, algorithms: ['HS256'] })).payload;
        else if (header.alg === 'RS256' && jwks) payload = (await jwtVerify(token, jwks, { ...options, algorithms: ['RS256'] })).payload;
        else throw new AuthError('AUTH_INVALID', `JWT algorithm ${header.alg ?? '(none)'} is not accepted`);
      } catch (err) {
        if (err instanceof AuthError) throw err;
        throw new AuthError('AUTH_INVALID', `JWT rejected: ${describeJoseError(err)}`);
      }
      const claim = (name: string) => (typeof payload[name] === 'string' ? (payload[name] as string) : undefined);
      const sub = claim('sub');
      if (!sub) throw new AuthError('AUTH_INVALID', 'JWT rejected: it has no sub claim');
      const customerId = claim(settings.customerClaim);
      return {
        scheme: 'jwt',
        keyId: `jwt:${sub}`,
        tenant: claim(settings.tenantClaim) ?? settings.defaultTenant,
        plan: claim(settings.planClaim) ?? settings.defaultPlan,
        admin: false,
        ...(customerId ? { customerId } : {}),
        ...(typeof payload.exp === 'number' ? { expiresAt: payload.exp * 1000 } : {}),
      };
    },
  };
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'token expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `claim ${err.claim} ${err.reason}`;
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'no key in the JWKS matches the token';
  if (err instanceof joseErrors.JOSEError) return err.code;
  return 'token is malformed';
}
