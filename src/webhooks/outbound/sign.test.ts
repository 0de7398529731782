import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../kernel/index.ts';
import { verifyDelivery } from '../schemes/index.ts';
import { generateWebhookSecret, signStandardWebhook } from './sign.ts';

const NOW = 1_767_225_600;
const BODY = '{"type":"order.summarised","data":{"orderId":"ord_42","summary":"ワンピース 全巻セット"}}';

describe('signStandardWebhook', () => {
  // The reference libraries read the wall clock to check freshness; pin it instead of waiting on it.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW * 1000);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is accepted by the standardwebhooks library's Webhook.verify", () => {
    const secret = generateWebhookSecret();

    const headers = signStandardWebhook({ id: 'msg_01', timestamp: NOW, body: BODY, secret });

    expect(new StandardWebhook(secret).verify(BODY, { ...headers })).toEqual(JSON.parse(BODY));
    expect(headers['webhook-id']).toBe('msg_01');
    expect(headers['webhook-timestamp']).toBe(String(NOW));
  });

  it('is accepted by the svix library and by our own verifier', () => {
    const secret = generateWebhookSecret();
    const headers = signStandardWebhook({ id: 'msg_02', timestamp: new Date(NOW * 1000 + 999), body: Buffer.from(BODY), secret });

    expect(() => new SvixWebhook(secret).verify(BODY, { ...headers })).not.toThrow();
    expect(verifyDelivery({ scheme: 'standard-webhooks', secrets: [secret] }, { ...headers }, Buffer.from(BODY), NOW)).toEqual({
      valid: true,
      timestamp: NOW,
      id: 'msg_02',
    });
  });

  it('produces exactly the signature the library produces', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

    const headers = signStandardWebhook({ id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}', secret });

    // Also the published Svix docs example.
    expect(headers['webhook-signature']).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
    expect(headers['webhook-signature']).toBe(new StandardWebhook(secret).sign('msg_p5jXN8AQM9LWM0D4loKWxJek', new Date(1614265330 * 1000), '{"test": 2432232314}'));
  });

  it('is rejected by Webhook.verify when the body, id or timestamp is tampered with', () => {
    const secret = generateWebhookSecret();
    const headers = signStandardWebhook({ id: 'msg_03', timestamp: NOW, body: BODY, secret });
    const wh = new StandardWebhook(secret);

    expect(() => wh.verify(BODY.replace('42', '43'), { ...headers })).toThrow(/No matching signature/);
    expect(() => wh.verify(BODY, { ...headers, 'webhook-id': 'msg_04' })).toThrow(/No matching signature/);
    expect(() => wh.verify(BODY, { ...headers, 'webhook-timestamp': String(NOW - 1) })).toThrow(/No matching signature/);
    expect(() => new StandardWebhook(generateWebhookSecret()).verify(BODY, { ...headers })).toThrow(/No matching signature/);
  });

  it('signs with every secret during rotation, so old and new receivers both verify', () => {
    const oldSecret = generateWebhookSecret();
    const newSecret = generateWebhookSecret();

    const headers = signStandardWebhook({ id: 'msg_05', timestamp: NOW, body: BODY, secret: [newSecret, oldSecret] });

    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new StandardWebhook(oldSecret).verify(BODY, { ...headers })).not.toThrow();
    expect(() => new StandardWebhook(newSecret).verify(BODY, { ...headers })).not.toThrow();
  });

  it.each([
    [{ id: 'msg.1' }, /id must be non-empty/],
    [{ id: '' }, /id must be non-empty/],
    [{ timestamp: 1.5 }, /timestamp must be whole unix seconds/],
    [{ timestamp: new Date(Number.NaN) }, /timestamp must be whole unix seconds/],
    [{ secret: 'whsec_***' }, /secret 0 is not a whsec_<base64> secret/],
    [{ secret: [] as string[] }, /at least one secret/],
  ])('refuses %j', (override, message) => {
    const input = { id: 'msg_06', timestamp: NOW, body: BODY, secret: generateWebhookSecret(), ...override };

    expect(() => signStandardWebhook(input)).toThrow(ValidationError);
    expect(() => signStandardWebhook(input)).toThrow(message);
  });
});

describe('generateWebhookSecret', () => {
  it('makes distinct whsec_ secrets of the requested size', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret(64);

    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(b.slice(6), 'base64')).toHaveLength(64);
    expect(a).not.toBe(generateWebhookSecret());
    expect(() => generateWebhookSecret(16)).toThrow(/24 to 64/);
  });
});
