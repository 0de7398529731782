import { createHmac, timingSafeEqual } from 'node:crypto';
import { verify as octokitVerify } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from './index.ts';

// Differential tests: for each header variant, Hashi's verdict must be the
// verdict of the provider's own verification code on the same bytes.
// (Issue 11, defect 9: upper-case hex digests were accepted although the
// official libraries refuse them.)
const NOW = 1_767_225_600;
const BODY = '{"id":"evt_1","object":"event","data":{"object":{"amount":1200}}}';
const hex = (secret: string, content: string) => createHmac('sha256', secret).update(content).digest('hex');
const flipCase = (s: string) => s.replace(/[a-f]/, (c) => c.toUpperCase());

describe('Stripe: Hashi agrees with stripe.webhooks.constructEvent', () => {
  const secret = 'whsec_differential_0123456789';
  const sig = hex(secret, `${NOW}.${BODY}`);
  const stripeAccepts = (header: string) => {
    try {
      Stripe.webhooks.constructEvent(BODY, header, secret, 300, undefined, NOW * 1000);
      return true;
    } catch {
      return false;
    }
  };
  const cases: Record<string, string> = {
    'the header stripe signs': `t=${NOW},v1=${sig}`,
    'upper-case hex': `t=${NOW},v1=${sig.toUpperCase()}`,
    'one upper-case letter': `t=${NOW},v1=${flipCase(sig)}`,
    'a space after the comma': `t=${NOW}, v1=${sig}`,
    'a space before the signature': `t=${NOW},v1= ${sig}`,
    'a trailing "=" after the signature': `t=${NOW},v1=${sig}=`,
    'a wrong v1 before the right one': `t=${NOW},v1=${'0'.repeat(64)},v1=${sig}`,
    'only v0': `t=${NOW},v0=${sig}`,
    'signature before timestamp': `v1=${sig},t=${NOW}`,
    'two t, the right one last': `t=0,t=${NOW},v1=${sig}`,
    'two t, the right one first': `t=${NOW},t=0,v1=${sig}`,
    'digits then letters in t': `t=${NOW}abc,v1=${sig}`,
    'a leading zero in t': `t=0${NOW},v1=${sig}`,
    'a plus sign in t': `t=+${NOW},v1=${sig}`,
    'unknown elements and empty items': `,,t=${NOW},x=y,,v1=${sig},`,
    'upper-case T': `T=${NOW},v1=${sig}`,
    'upper-case V1': `t=${NOW},V1=${sig}`,
    '63 hex digits': `t=${NOW},v1=${sig.slice(1)}`,
    '65 hex digits': `t=${NOW},v1=${sig}0`,
    'no timestamp': `v1=${sig}`,
    'a stale timestamp': `t=${NOW - 301},v1=${hex(secret, `${NOW - 301}.${BODY}`)}`,
  };
  for (const [name, header] of Object.entries(cases)) {
    it(`${name}: same verdict`, () => {
      const ours = verifyDelivery({ scheme: 'stripe', secrets: [secret] }, { 'stripe-signature': header }, Buffer.from(BODY), NOW).valid;
      expect(ours).toBe(stripeAccepts(header));
    });
  }

  it('differs only where stripe-node skips the replay check, and there Hashi refuses', () => {
    // stripe-node reads `t=abc` as NaN, signs "NaN.<body>" and never finds NaN outside its tolerance;
    // and it accepts any timestamp in the future. Both would let a captured delivery be replayed.
    const nan = `t=abc,v1=${hex(secret, `NaN.${BODY}`)}`;
    const future = `t=${NOW + 3600},v1=${hex(secret, `${NOW + 3600}.${BODY}`)}`;
    for (const header of [nan, future]) {
      expect(stripeAccepts(header)).toBe(true);
      expect(verifyDelivery({ scheme: 'stripe', secrets: [secret] }, { 'stripe-signature': header }, Buffer.from(BODY), NOW).valid).toBe(false);
    }
  });
});

describe('GitHub: Hashi agrees with @octokit/webhooks-methods verify', () => {
  const secret = "It's a Secret to Everybody";
  const sig = `sha256=${hex(secret, BODY)}`;
  const cases: Record<string, string> = {
    'the header GitHub sends': sig,
    'upper-case hex': `sha256=${sig.slice(7).toUpperCase()}`,
    'one upper-case letter': `sha256=${flipCase(sig.slice(7))}`,
    'upper-case prefix': `SHA256=${sig.slice(7)}`,
    'a trailing "="': `${sig}=`,
    'a space after the prefix': `sha256= ${sig.slice(7)}`,
    '63 hex digits': sig.slice(0, -1),
    'sha1 prefix': `sha1=${sig.slice(7)}`,
  };
  for (const [name, header] of Object.entries(cases)) {
    it(`${name}: same verdict`, async () => {
      const ours = verifyDelivery({ scheme: 'github', secrets: [secret] }, { 'x-hub-signature-256': header }, Buffer.from(BODY), NOW).valid;
      expect(ours).toBe(await octokitVerify(secret, BODY, header));
    });
  }
});

describe("Slack: Hashi agrees with Slack's documented verification", () => {
  // api.slack.com/authentication/verifying-requests-from-slack: compute
  // "v0=" + hex(HMAC-SHA256(secret, "v0:" + timestamp + ":" + body)) and compare it with
  // X-Slack-Signature; Slack's SDK does exactly that (slack_sdk/signature/__init__.py:
  // generate_signature → hexdigest(), is_valid → hmac.compare_digest on the whole header).
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const sig = `v0=${hex(secret, `v0:${NOW}:${BODY}`)}`;
  const slackAccepts = (header: string) => {
    const expected = Buffer.from(`v0=${hex(secret, `v0:${NOW}:${BODY}`)}`);
    const got = Buffer.from(header);
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  const cases: Record<string, string> = {
    'the header Slack sends': sig,
    'upper-case hex': `v0=${sig.slice(3).toUpperCase()}`,
    'one upper-case letter': `v0=${flipCase(sig.slice(3))}`,
    'upper-case version': `V0=${sig.slice(3)}`,
    'a trailing "="': `${sig}=`,
    'version v1': `v1=${sig.slice(3)}`,
  };
  for (const [name, header] of Object.entries(cases)) {
    it(`${name}: same verdict`, () => {
      const headers = { 'x-slack-signature': header, 'x-slack-request-timestamp': String(NOW) };
      const ours = verifyDelivery({ scheme: 'slack', secrets: [secret] }, headers, Buffer.from(BODY), NOW).valid;
      expect(ours).toBe(slackAccepts(header));
    });
  }
});
