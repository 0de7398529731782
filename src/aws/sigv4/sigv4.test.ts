import { describe, expect, it } from 'vitest';
import { canonicalPath, canonicalQuery } from './encode.ts';
import { verifySigV4, type SignedHttpRequest } from './index.ts';

// The "aws-sig-v4-test-suite" examples AWS publishes with the SigV4 documentation
// (access key AKIDEXAMPLE, 2015-08-30T12:36:00Z, us-east-1, service "service"):
// get-vanilla, get-vanilla-query-order-key-case, post-vanilla and get-utf8, with
// the signatures AWS lists for them.
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const AT = Date.UTC(2015, 7, 30, 12, 36, 0);
const scope = 'AKIDEXAMPLE/20150830/us-east-1/service/aws4_request';

function suiteRequest(method: string, path: string, query: string, signature: string, extra: Record<string, string> = {}): SignedHttpRequest {
  return {
    method,
    path,
    query,
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date, Signature=${signature}`,
      ...extra,
    },
    body: Buffer.alloc(0),
  };
}

const options = (overrides: Partial<Parameters<typeof verifySigV4>[1]> = {}) => ({
  region: 'us-east-1',
  service: 'service',
  now: AT,
  windowMs: 5 * 60_000,
  secretFor: async (id: string) => (id === 'AKIDEXAMPLE' ? SECRET : undefined),
  ...overrides,
});

describe('SigV4 verification against the AWS test suite', () => {
  it.each([
    ['get-vanilla', 'GET', '/', '', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
    ['get-vanilla-query-order-key-case', 'GET', '/', 'Param2=value2&Param1=value1', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'],
    ['post-vanilla', 'POST', '/', '', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b'],
    ['get-utf8', 'GET', '/ሴ', '', '8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85'],
  ])('%s verifies with the published signature', async (_name, method, path, query, signature) => {
    expect(await verifySigV4(suiteRequest(method, path, query, signature), options())).toEqual({ ok: true, accessKeyId: 'AKIDEXAMPLE' });
  });

  it('refuses a signature that differs in one character, a wrong secret and an unknown key', async () => {
    const good = '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
    const bad = await verifySigV4(suiteRequest('GET', '/', '', good.replace(/1$/, '2')), options());
    expect(bad).toMatchObject({ ok: false, failure: 'mismatch' });
    expect(await verifySigV4(suiteRequest('GET', '/', '', good), options({ secretFor: async () => 'another secret' }))).toMatchObject({ ok: false, failure: 'mismatch' });
    expect(await verifySigV4(suiteRequest('GET', '/', '', good), options({ secretFor: async () => undefined }))).toMatchObject({
      ok: false,
      failure: 'unknown-key',
      message: 'The security token included in the request is invalid.',
    });
  });

  it('refuses a changed body, path or query (they are part of what is signed)', async () => {
    const post = suiteRequest('POST', '/', '', '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b');
    expect(await verifySigV4({ ...post, body: Buffer.from('{}') }, options())).toMatchObject({ failure: 'mismatch' });
    expect(await verifySigV4({ ...post, path: '/x' }, options())).toMatchObject({ failure: 'mismatch' });
    expect(await verifySigV4({ ...post, query: 'a=b' }, options())).toMatchObject({ failure: 'mismatch' });
    // A claimed payload hash must be the body's.
    const claimed = { ...post, headers: { ...post.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } };
    expect(await verifySigV4(claimed, options())).toMatchObject({ failure: 'mismatch' });
  });

  it('allows the clock window either way and words the refusal as AWS does', async () => {
    const req = suiteRequest('GET', '/', '', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    expect((await verifySigV4(req, options({ now: AT + 5 * 60_000 }))).ok).toBe(true);
    expect((await verifySigV4(req, options({ now: AT - 5 * 60_000 }))).ok).toBe(true);
    expect(await verifySigV4(req, options({ now: AT + 5 * 60_000 + 1000 }))).toEqual({
      ok: false,
      failure: 'expired',
      message: 'Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)',
    });
    expect(await verifySigV4(req, options({ now: AT - 6 * 60_000 }))).toMatchObject({ failure: 'not-yet-valid' });
  });

  it('refuses a credential scoped to another region or service, and an incomplete or missing header', async () => {
    const req = suiteRequest('GET', '/', '', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    expect(await verifySigV4(req, options({ region: 'eu-west-1' }))).toMatchObject({ failure: 'scope', message: expect.stringContaining("not 'us-east-1'") });
    expect(await verifySigV4(req, options({ service: 'sqs' }))).toMatchObject({ failure: 'scope', message: expect.stringContaining("'sqs'") });
    const noSignature = { ...req, headers: { ...req.headers, authorization: `AWS4-HMAC-SHA256 Credential=${scope}, SignedHeaders=host;x-amz-date` } };
    expect(await verifySigV4(noSignature, options())).toMatchObject({ failure: 'incomplete', message: expect.stringContaining("requires 'Signature'") });
    const { authorization: _, ...unsigned } = req.headers;
    expect(await verifySigV4({ ...req, headers: unsigned }, options())).toMatchObject({ failure: 'missing' });
  });
});

describe('canonical forms', () => {
  it('double-encodes the path and drops dot segments (non-S3 services)', () => {
    expect(canonicalPath('/')).toBe('/');
    expect(canonicalPath('/a%20b/./c/../d/')).toBe('/a%2520b/d/');
    expect(canonicalPath('//x')).toBe('/x');
  });

  it('sorts the query by name, then value, with RFC 3986 encoding', () => {
    expect(canonicalQuery('b=2&a=1&a=0&c')).toBe('a=0&a=1&b=2&c=');
    expect(canonicalQuery("k=a%20b&x=!'()*")).toBe('k=a%20b&x=%21%27%28%29%2A');
  });
});
