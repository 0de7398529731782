import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import type { SourceDefinition } from '../schemes/index.ts';
import { exitCodeFor, formatOutcomes, verifyJsonl } from './index.ts';

const NOW = 1_767_225_600;
const STRIPE_SECRET = 'whsec_stripe_cli_test';
const STD_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = '{"id":"evt_1","object":"event"}';

const sources: Record<string, SourceDefinition> = {
  payments: { scheme: 'stripe', secrets: [STRIPE_SECRET] },
  github: { scheme: 'github', secrets: ['gh'] },
};
const ctx = { resolveSource: (name: string) => sources[name], nowSeconds: NOW + 5 };

describe('verifyJsonl', () => {
  it('gives one verdict per line, in order, for named and inline sources', async () => {
    const stripeHeader = Stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: STRIPE_SECRET, timestamp: NOW });
    const stdSig = new StandardWebhook(STD_SECRET).sign('msg_9', new Date(NOW * 1000), BODY);
    const ghSig = await githubSign('gh', BODY);
    const lines = [
      { source: 'payments', headers: { 'Stripe-Signature': stripeHeader }, body: BODY, at: NOW },
      { source: 'payments', headers: { 'Stripe-Signature': stripeHeader }, body: BODY.replace('1', '2'), at: NOW },
      { source: 'payments', headers: { 'Stripe-Signature': stripeHeader }, body: BODY, at: NOW + 301 },
      {
        source: { scheme: 'standard-webhooks', secrets: [STD_SECRET] },
        headers: { 'webhook-id': 'msg_9', 'webhook-timestamp': NOW, 'webhook-signature': stdSig },
        bodyBase64: Buffer.from(BODY).toString('base64'),
        at: NOW,
      },
      { source: 'github', headers: { 'x-hub-signature-256': ghSig }, body: BODY },
      { source: 'nope', headers: {}, body: BODY },
    ];
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';

    const outcomes = verifyJsonl(text, ctx);

    expect(outcomes.map((o) => (o.valid ? 'valid' : o.reason))).toEqual([
      'valid',
      'invalid_signature',
      'stale_timestamp',
      'valid',
      'valid',
      'unknown_source',
    ]);
    expect(outcomes[3]).toEqual({ valid: true, timestamp: NOW, id: 'msg_9' });
    expect(exitCodeFor(outcomes)).toBe(1);
  });

  it('uses the context clock when a line has no `at`', () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: STRIPE_SECRET, timestamp: NOW - 400 });
    const line = JSON.stringify({ source: 'payments', headers: { 'stripe-signature': header }, body: BODY });

    const [outcome] = verifyJsonl(line, ctx);

    expect(outcome).toMatchObject({ valid: false, reason: 'stale_timestamp' });
    expect(outcome!.valid ? '' : outcome!.message).toContain('405 seconds old');
  });

  it('turns each malformed line into its own verdict and carries on', () => {
    const text = [
      '{"source": "payments", "headers": {',
      '[1, 2]',
      '{"headers": {}, "body": "x"}',
      '{"source": "payments", "headers": {}}',
      '{"source": "payments", "headers": {}, "body": "x", "bodyBase64": "eA=="}',
      '{"source": "payments", "headers": {}, "bodyBase64": "%%%"}',
      '{"source": "payments", "headers": {}, "body": "x", "at": "yesterday"}',
      '{"source": "payments", "headers": {"x": {"nested": true}}, "body": "x"}',
      '{"source": {"scheme": "stripe", "secrets": []}, "headers": {}, "body": "x"}',
      '',
      '{"source": "payments", "headers": {}, "body": "x"}',
    ].join('\r\n');

    const outcomes = verifyJsonl(text, ctx);

    expect(outcomes.map((o) => (o.valid ? 'valid' : o.reason))).toEqual([
      'malformed_line',
      'malformed_line',
      'malformed_line',
      'malformed_line',
      'malformed_line',
      'malformed_line',
      'malformed_line',
      'malformed_line',
      'invalid_source',
      'missing_signature',
    ]);
    expect(outcomes[0]).toEqual({ valid: false, reason: 'malformed_line', message: 'line 1: not valid JSON' });
    expect(outcomes[2]!.valid ? '' : outcomes[2]!.message).toBe('line 3: source is required (a source name or definition)');
  });

  it('never echoes a secret from a broken line', () => {
    const outcomes = verifyJsonl('{"source": {"scheme": "stripe", "secrets": ["whsec_dont_print_me"]', ctx);

    expect(JSON.stringify(outcomes)).not.toContain('dont_print_me');
  });

  it('formats one compact JSON object per line and exits 0 only when all are valid', () => {
    const text = formatOutcomes([{ valid: true }, { valid: false, reason: 'invalid_signature', message: 'm' }]);

    expect(text).toBe('{"valid":true}\n{"valid":false,"reason":"invalid_signature","message":"m"}\n');
    expect(exitCodeFor([{ valid: true }])).toBe(0);
    expect(formatOutcomes([])).toBe('');
  });
});
