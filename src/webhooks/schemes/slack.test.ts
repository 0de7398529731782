import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from './index.ts';
import type { SourceDefinition } from './index.ts';

// The worked example of api.slack.com "Verifying requests from Slack"
// (signing secret, timestamp, slash-command body and the resulting signature).
const DOC_SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const DOC_TIMESTAMP = 1531420618;
const DOC_BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const DOC_SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

const def: SourceDefinition = { scheme: 'slack', secrets: [DOC_SECRET] };

function slackSign(secret: string, timestamp: number, body: string): string {
  return 'v0=' + createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
}

function headers(signature: string, timestamp: number): Record<string, string> {
  return { 'X-Slack-Signature': signature, 'X-Slack-Request-Timestamp': String(timestamp) };
}

describe('slack scheme', () => {
  it("accepts Slack's documented example at its own timestamp", () => {
    const result = verifyDelivery(def, headers(DOC_SIGNATURE, DOC_TIMESTAMP), Buffer.from(DOC_BODY), DOC_TIMESTAMP);

    expect(result).toEqual({ valid: true, timestamp: DOC_TIMESTAMP });
  });

  it('rejects the documented example with one byte changed', () => {
    const result = verifyDelivery(def, headers(DOC_SIGNATURE, DOC_TIMESTAMP), Buffer.from(DOC_BODY.replace('foobar', 'foobaz')), DOC_TIMESTAMP);

    expect(result).toMatchObject({ valid: false, reason: 'invalid_signature' });
  });

  it('rejects the documented signature presented with another timestamp (the timestamp is signed)', () => {
    const result = verifyDelivery(def, headers(DOC_SIGNATURE, DOC_TIMESTAMP + 1), Buffer.from(DOC_BODY), DOC_TIMESTAMP);

    expect(result).toMatchObject({ valid: false, reason: 'invalid_signature' });
  });

  it.each([
    [-300, true, undefined],
    [-301, false, 'stale_timestamp'],
    [300, true, undefined],
    [301, false, 'future_timestamp'],
  ])('timestamp offset %i s → valid=%s', (offset, valid, reason) => {
    const ts = DOC_TIMESTAMP + offset;

    const result = verifyDelivery(def, headers(slackSign(DOC_SECRET, ts, DOC_BODY), ts), Buffer.from(DOC_BODY), DOC_TIMESTAMP);

    expect(result.valid).toBe(valid);
    if (reason !== undefined) expect(result).toMatchObject({ reason });
  });

  it('rotates secrets: old and new both accepted while listed, the removed one refused', () => {
    const byNew = headers(slackSign('new-signing-secret', DOC_TIMESTAMP, DOC_BODY), DOC_TIMESTAMP);
    const rotating: SourceDefinition = { scheme: 'slack', secrets: ['new-signing-secret', DOC_SECRET] };

    expect(verifyDelivery(rotating, byNew, Buffer.from(DOC_BODY), DOC_TIMESTAMP).valid).toBe(true);
    expect(verifyDelivery(rotating, headers(DOC_SIGNATURE, DOC_TIMESTAMP), Buffer.from(DOC_BODY), DOC_TIMESTAMP).valid).toBe(true);
    expect(verifyDelivery({ scheme: 'slack', secrets: ['new-signing-secret'] }, headers(DOC_SIGNATURE, DOC_TIMESTAMP), Buffer.from(DOC_BODY), DOC_TIMESTAMP)).toMatchObject({
      reason: 'invalid_signature',
    });
  });

  it.each([
    [{ 'x-slack-request-timestamp': String(DOC_TIMESTAMP) }, 'missing_signature', 'X-Slack-Signature header is missing'],
    [{ 'x-slack-signature': DOC_SIGNATURE }, 'missing_timestamp', 'X-Slack-Request-Timestamp header is missing'],
    [{ 'x-slack-signature': DOC_SIGNATURE, 'x-slack-request-timestamp': '15314e6' }, 'malformed_signature', 'not a unix timestamp'],
    [{ 'x-slack-signature': DOC_SIGNATURE.replace('v0=', 'v1='), 'x-slack-request-timestamp': String(DOC_TIMESTAMP) }, 'malformed_signature', 'does not start with v0='],
  ])('rejects %j as %s', (hdrs, reason, fragment) => {
    const result = verifyDelivery(def, hdrs, Buffer.from(DOC_BODY), DOC_TIMESTAMP);

    expect(result).toMatchObject({ valid: false, reason });
    expect(result.valid ? '' : result.message).toContain(fragment);
  });
});
