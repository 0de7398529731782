import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from './index.ts';
import type { SourceDefinition } from './index.ts';

// Signatures come from GitHub's own @octokit/webhooks-methods `sign`.
const SECRET = 'gh-secret-current';
const OLD_SECRET = 'gh-secret-previous';
const BODY = '{"action":"opened","issue":{"number":1347,"title":"Found a bug"},"repository":{"full_name":"octocat/Hello-World"}}';
const NOW = 1_767_225_600;

const def: SourceDefinition = { scheme: 'github', secrets: [SECRET] };

describe('github scheme', () => {
  it("matches GitHub's documented test values", () => {
    // docs.github.com "Validating webhook deliveries" → "Testing the webhook payload validation".
    const headers = { 'X-Hub-Signature-256': 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17' };

    const result = verifyDelivery({ scheme: 'github', secrets: ["It's a Secret to Everybody"] }, headers, Buffer.from('Hello, World!'), NOW);

    expect(result).toEqual({ valid: true });
  });

  it('accepts a body signed by @octokit/webhooks-methods and returns the delivery id', async () => {
    const headers = { 'x-hub-signature-256': await sign(SECRET, BODY), 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' };

    const result = verifyDelivery(def, headers, Buffer.from(BODY), NOW);

    expect(result).toEqual({ valid: true, id: '72d3162e-cc78-11e3-81ab-4c9367dc0958' });
  });

  it('has no timestamp, so an old delivery is still accepted', async () => {
    const headers = { 'x-hub-signature-256': await sign(SECRET, BODY) };

    expect(verifyDelivery(def, headers, Buffer.from(BODY), NOW + 10 * 365 * 86_400).valid).toBe(true);
  });

  it('rejects one changed byte and re-serialised JSON', async () => {
    const headers = { 'x-hub-signature-256': await sign(SECRET, BODY) };
    const reordered = JSON.stringify({ repository: { full_name: 'octocat/Hello-World' }, action: 'opened', issue: { number: 1347, title: 'Found a bug' } });

    expect(verifyDelivery(def, headers, Buffer.from(BODY.replace('1347', '1348')), NOW)).toMatchObject({ reason: 'invalid_signature' });
    expect(verifyDelivery(def, headers, Buffer.from(reordered), NOW)).toMatchObject({ reason: 'invalid_signature' });
  });

  it('verifies the raw bytes, including non-UTF-8 ones', async () => {
    const raw = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const { createHmac } = await import('node:crypto');
    const headers = { 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(raw).digest('hex')}` };

    expect(verifyDelivery(def, headers, raw, NOW).valid).toBe(true);
    expect(verifyDelivery(def, headers, Buffer.from(raw.toString('utf8')), NOW).valid).toBe(false);
  });

  it('rotates secrets: old and new both accepted while listed, the removed one refused', async () => {
    const byOld = { 'x-hub-signature-256': await sign(OLD_SECRET, BODY) };
    const rotating: SourceDefinition = { scheme: 'github', secrets: [SECRET, OLD_SECRET] };

    expect(verifyDelivery(rotating, byOld, Buffer.from(BODY), NOW).valid).toBe(true);
    expect(verifyDelivery(rotating, { 'x-hub-signature-256': await sign(SECRET, BODY) }, Buffer.from(BODY), NOW).valid).toBe(true);
    expect(verifyDelivery(def, byOld, Buffer.from(BODY), NOW)).toMatchObject({ reason: 'invalid_signature' });
  });

  it.each([
    [{}, 'missing_signature', 'X-Hub-Signature-256 header is missing'],
    [{ 'x-hub-signature': 'sha1=0123' }, 'missing_signature', 'SHA-1 X-Hub-Signature is not accepted'],
    [{ 'x-hub-signature-256': 'sha1=' + 'a'.repeat(64) }, 'malformed_signature', 'does not start with sha256='],
    [{ 'x-hub-signature-256': 'sha256=' + 'g'.repeat(64) }, 'malformed_signature', 'not a 64-character hex digest'],
    [{ 'x-hub-signature-256': 'sha256=' + 'a'.repeat(63) }, 'malformed_signature', 'not a 64-character hex digest'],
  ])('rejects %j as %s', (headers, reason, fragment) => {
    const result = verifyDelivery(def, headers, Buffer.from(BODY), NOW);

    expect(result).toMatchObject({ valid: false, reason });
    expect(result.valid ? '' : result.message).toContain(fragment);
  });
});
