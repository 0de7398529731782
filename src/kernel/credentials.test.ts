import { describe, expect, it } from 'vitest';
import { credentialKind, redactHeaders, redactUrl } from './index.ts';

describe('credential names', () => {
  it('are compared decoded and normalised, so every spelling of one name is one name', () => {
    for (const name of ['api_key', 'api%5Fkey', 'API_KEY', 'Api-Key', 'apikey', 'api%5fkey', 'x-api-key', 'X_API_KEY', 'api.key', 'api+key']) {
      expect(credentialKind(name), name).toBe('secret');
    }
    for (const name of ['authorization', 'x-admin-key', 'token', 'access_token', 'key', 'password', 'x-client-secret', 'x-auth-token']) expect(credentialKind(name), name).toBe('secret');
    for (const name of ['stripe-signature', 'X-Hub-Signature-256', 'x-catalog-signature', 'x-shopify-hmac-sha256', 'sig']) expect(credentialKind(name), name).toBe('signature');
    for (const name of ['content-type', 'idempotency-key', 'sec-websocket-key', 'webhook-id', 'session_id', 'limit', 'author', 'x-request-id']) expect(credentialKind(name), name).toBeUndefined();
  });
});

describe('redactUrl', () => {
  it('hides the value of every credential parameter in any spelling, and nothing else', () => {
    expect(redactUrl('/v1/chat/stream?message=hi&api%5Fkey=hsk_a_b&limit=5')).toBe('/v1/chat/stream?message=hi&api%5Fkey=[redacted]&limit=5');
    expect(redactUrl('/x?API_KEY=s1&apikey=s2&api-key=s3&access_token=s4&token=s5&key=s6')).not.toMatch(/s[1-6]/);
    expect(redactUrl('/x?a=1&b=2')).toBe('/x?a=1&b=2');
    expect(redactUrl('/x')).toBe('/x');
    expect(redactUrl('/x?api_key=%zz&q=%E2%82%AC')).toBe('/x?api_key=[redacted]&q=%E2%82%AC');
  });
});

describe('redactHeaders', () => {
  it('redacts secrets, truncates signatures, keeps the rest', () => {
    const out = redactHeaders({ 'X-Admin-Key': 'admin-secret', 'x-hub-signature-256': `sha256=${'b'.repeat(64)}`, 'x-github-delivery': 'd-1' });
    expect(out['X-Admin-Key']).toBe('[redacted]');
    expect(out['x-hub-signature-256']).toMatch(/^sha256=bbb…\[\d+ chars masked\]$/);
    expect(out['x-github-delivery']).toBe('d-1');
  });
});
