import type { IncomingHttpHeaders } from 'node:http';
import type { FakeDialect } from './types.ts';

export interface AuthFailure {
  status: number;
  errorType: string;
  message: string;
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

/**
 * Whether a request carries the credentials its dialect must present, and
 * the dialect's own answer when it does not (messages never echo the key).
 */
export function checkAuth(dialect: FakeDialect, headers: IncomingHttpHeaders, expected: string): AuthFailure | undefined {
  const authorization = first(headers.authorization);
  const bearer = authorization === `Bearer ${expected}`;
  switch (dialect) {
    case 'openai':
      if (bearer) return undefined;
      return { status: 401, errorType: 'invalid_request_error', message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.' };
    case 'anthropic':
      if (bearer || first(headers['x-api-key']) === expected) return undefined;
      return { status: 401, errorType: 'authentication_error', message: 'invalid x-api-key' };
    case 'bedrock':
      // SigV4: `AWS4-HMAC-SHA256 Credential=<access key id>/<date>/<region>/bedrock/aws4_request, …`; or a Bedrock API key as a bearer token.
      if (bearer || (authorization?.includes(`Credential=${expected}/`) ?? false)) return undefined;
      return { status: 403, errorType: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
  }
}
