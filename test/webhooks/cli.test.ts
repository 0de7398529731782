import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { standardHeaders, stripeHeaders } from './signers.ts';

const dir = mkdtempSync(join(tmpdir(), 'hashi-webhooks-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STRIPE = 'whsec_cli_stripe_0123456789abcdef';
const REVIEWS = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const AT = 1_767_225_600;
const config = join(dir, 'hashi.yaml');
writeFileSync(config, `sources:\n  stripe: { scheme: stripe, secrets: ["${STRIPE}"] }\n  reviews: { scheme: standard-webhooks, secrets: ["${REVIEWS}"], tolerance: 120 }\n`);
const body = '{\n  "id": "evt_cli", "type": "charge.succeeded"\n}';

function files(name: string, headers: Record<string, string>, payload: string): { headers: string; body: string } {
  const h = join(dir, `${name}.headers.json`);
  const b = join(dir, `${name}.body`);
  writeFileSync(h, JSON.stringify(headers));
  writeFileSync(b, payload);
  return { headers: h, body: b };
}

// Each case starts the real binary (a few seconds each on a busy machine).
describe('hashi webhooks verify', { timeout: 120_000 }, () => {
  it('exits 0 for a captured delivery that verifies at --at, and prints its verdict', async () => {
    const f = files('ok', stripeHeaders(body, STRIPE, AT), body);
    const res = await runCli(['webhooks', 'verify', '--config', config, '--source', 'stripe', '--headers', f.headers, '--body', f.body, '--at', String(AT + 300)]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ valid: true, timestamp: AT });
  });

  it('exits 1 and says exactly why: tampered body, stale at a later --at, unknown source', async () => {
    const tampered = files('tampered', stripeHeaders(body, STRIPE, AT), body.replace('cli', 'clj'));
    const good = files('good', stripeHeaders(body, STRIPE, AT), body);
    const bad = await runCli(['webhooks', 'verify', '--config', config, '--source', 'stripe', '--headers', tampered.headers, '--body', tampered.body, '--at', String(AT)]);
    const stale = await runCli(['webhooks', 'verify', '--config', config, '--source', 'stripe', '--headers', good.headers, '--body', good.body, '--at', String(AT + 301)]);
    const unknown = await runCli(['webhooks', 'verify', '--config', config, '--source', 'nope', '--headers', good.headers, '--body', good.body]);

    expect([bad.code, JSON.parse(bad.stdout).reason]).toEqual([1, 'invalid_signature']);
    expect([stale.code, JSON.parse(stale.stdout).reason]).toEqual([1, 'stale_timestamp']);
    expect(JSON.parse(stale.stdout).message).toContain('301 seconds old');
    expect([unknown.code, JSON.parse(unknown.stdout).reason]).toEqual([1, 'unknown_source']);
    expect(bad.stdout + stale.stdout).not.toContain(STRIPE);
  });

  it('checks many deliveries from --jsonl, one verdict per line in order', async () => {
    const reviewBody = '{"type":"review.created"}';
    const lines = [
      { source: 'reviews', headers: standardHeaders('msg_1', AT, reviewBody, REVIEWS), body: reviewBody, at: AT },
      { source: 'reviews', headers: standardHeaders('msg_2', AT, reviewBody, REVIEWS), bodyBase64: Buffer.from(reviewBody).toString('base64'), at: AT + 121 },
      { source: { scheme: 'stripe', secrets: [STRIPE] }, headers: stripeHeaders(body, STRIPE, AT), body, at: AT },
      'not json',
    ];
    const file = join(dir, 'many.jsonl');
    writeFileSync(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
    const res = await runCli(['webhooks', 'verify', '--config', config, '--jsonl', file]);
    const out = res.stdout.trim().split('\n').map((l) => JSON.parse(l) as { valid: boolean; reason?: string });

    expect(res.code).toBe(1);
    expect(out.map((o) => (o.valid ? 'valid' : o.reason))).toEqual(['valid', 'stale_timestamp', 'valid', 'malformed_line']);
  });

  it('refuses an unusable --at with exit 2', async () => {
    const f = files('at', stripeHeaders(body, STRIPE, AT), body);
    const res = await runCli(['webhooks', 'verify', '--config', config, '--source', 'stripe', '--headers', f.headers, '--body', f.body, '--at', 'yesterday']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--at must be unix seconds');
  });
});
