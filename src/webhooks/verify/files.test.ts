import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../kernel/index.ts';
import { parseAtOption, parseHeadersFile, verifyFiles } from './index.ts';

// Slack's documented example (api.slack.com "Verifying requests from Slack").
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TS = 1531420618;
const BODY = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const HEADERS = JSON.stringify({
  'X-Slack-Signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
  'X-Slack-Request-Timestamp': TS,
});
const ctx = { resolveSource: (name: string) => (name === 'slack' ? { scheme: 'slack' as const, secrets: [SECRET] } : undefined), nowSeconds: TS + 3600 };

describe('verifyFiles', () => {
  it('verifies a headers file and a body file at a given time', () => {
    const outcome = verifyFiles({ source: 'slack', headersText: HEADERS, body: Buffer.from(BODY), at: parseAtOption(String(TS)) }, ctx);

    expect(outcome).toEqual({ valid: true, timestamp: TS });
  });

  it('defaults to the clock when --at is absent (here: an hour later, so stale)', () => {
    expect(verifyFiles({ source: 'slack', headersText: HEADERS, body: Buffer.from(BODY) }, ctx)).toMatchObject({ reason: 'stale_timestamp' });
  });

  it('reads the body as bytes: a body with a trailing newline fails', () => {
    const outcome = verifyFiles({ source: 'slack', headersText: HEADERS, body: Buffer.from(BODY + '\n'), at: TS }, ctx);

    expect(outcome).toMatchObject({ reason: 'invalid_signature' });
  });

  it('reports an unknown source name', () => {
    expect(verifyFiles({ source: 'slak', headersText: HEADERS, body: Buffer.from(BODY), at: TS }, ctx)).toEqual({
      valid: false,
      reason: 'unknown_source',
      message: 'no webhook source named "slak" is configured',
    });
  });

  it('throws WEBHOOK_VERIFY_INPUT_INVALID for an unusable headers file or --at', () => {
    const sig = 'v0=' + createHmac('sha256', SECRET).update('x').digest('hex');
    const broken = `{"X-Slack-Signature": "${sig}"`;

    expect(() => parseHeadersFile(broken)).toThrow(ValidationError);
    expect(() => parseHeadersFile(broken)).toThrow('the headers file is not valid JSON');
    expect(() => parseHeadersFile('["a"]')).toThrow('headers must be a JSON object');
    expect(() => parseAtOption('2026-01-01')).toThrow(/--at must be unix seconds/);
    const error = (() => {
      try {
        parseHeadersFile(broken);
      } catch (e) {
        return e as ValidationError;
      }
      return undefined;
    })();
    expect(error?.code).toBe('WEBHOOK_VERIFY_INPUT_INVALID');
    expect(error?.message).not.toContain(sig.slice(3));
  });
});
