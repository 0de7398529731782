import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DELIVER_JOB } from '../../src/webhooks/index.ts';
import { ADMIN, webhooksHarness, type Harness } from './harness.ts';
import { Receiver } from './receiver.ts';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

describe('outbound subscriptions: admin API, config sync, SSRF guard', () => {
  let h: Harness | undefined;
  let receiver: Receiver;
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    h!.app.inject({ method, url: `/admin/webhooks/subscriptions${url}`, headers: ADMIN, ...(payload !== undefined ? { payload: payload as object } : {}) });

  beforeEach(async () => {
    receiver = await new Receiver().start();
  });
  afterEach(async () => {
    await h?.close();
    h = undefined;
    await receiver.stop();
  });

  it('creates, lists (without the secret), shows the secret, updates, disables, re-enables and deletes a subscription, mirroring each as a bus rule', async () => {
    h = await webhooksHarness({ settings: { outbound: { allow: ['127.0.0.1'] } } });
    const created = await api('POST', '', { id: 'crm', url: receiver.url, pattern: { source: ['shop'] } });
    const listed = await api('GET', '');
    const secret = await api('GET', '/crm/secret');
    const patched = await api('PATCH', '/crm', { pattern: { source: ['shop', 'support'] }, description: 'CRM sync' });
    const disabled = await api('POST', '/crm/disable');
    const ruleWhileDisabled = h.bus.rules.get('webhooks.sub.crm')!.State;
    const enabled = await api('POST', '/crm/enable');
    const deleted = await api('DELETE', '/crm');
    const gone = await api('GET', '/crm');

    expect(created.statusCode).toBe(201);
    expect(created.json().secret).toMatch(/^whsec_/);
    expect(listed.json().subscriptions).toHaveLength(1);
    expect(listed.body).not.toContain(created.json().secret);
    expect(listed.json().subscriptions[0]).toMatchObject({ id: 'crm', managedBy: 'api', enabled: true, secretHint: expect.stringMatching(/^whsec_.{4}…$/) });
    expect(secret.json()).toEqual({ secret: created.json().secret });
    expect(patched.json()).toMatchObject({ pattern: { source: ['shop', 'support'] }, description: 'CRM sync' });
    expect(disabled.json()).toMatchObject({ enabled: false, disabledReason: 'manual' });
    expect(ruleWhileDisabled).toBe('DISABLED');
    expect(enabled.json()).toMatchObject({ enabled: true });
    expect(deleted.statusCode).toBe(204);
    expect([gone.statusCode, gone.json().error.code]).toEqual([404, 'WEBHOOK_SUBSCRIPTION_NOT_FOUND']);
    expect(h.bus.rules.has('webhooks.sub.crm')).toBe(false);
  });

  it('refuses invalid subscriptions with every problem listed, and duplicate ids with 409', async () => {
    h = await webhooksHarness({ settings: { outbound: { allow: ['127.0.0.1'] } } });
    const bad = await api('POST', '', { id: 'has space', url: 'ftp://example.com/x', pattern: {}, secret: 'whsec_short', transform: 'none' });
    await api('POST', '', { id: 'one', url: receiver.url, pattern: { source: ['a'] } });
    const dup = await api('POST', '', { id: 'one', url: receiver.url, pattern: { source: ['a'] } });

    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'WEBHOOK_SUBSCRIPTION_INVALID']);
    expect(bad.json().error.details.problems).toHaveLength(4);
    expect(bad.body).not.toContain('whsec_short');
    expect([dup.statusCode, dup.json().error.code]).toEqual([409, 'WEBHOOK_SUBSCRIPTION_EXISTS']);
  });

  it('refuses loopback, private and link-local endpoints unless allow-listed, without sending them anything', async () => {
    const lookup = async (host: string) => [{ address: host === 'metadata.internal' ? '169.254.169.254' : '10.1.2.3', family: 4 }];
    h = await webhooksHarness({ lookup });
    const loopback = await api('POST', '', { url: receiver.url, pattern: { source: ['a'] } });
    const metadata = await api('POST', '', { url: 'http://metadata.internal/latest/meta-data/', pattern: { source: ['a'] } });
    const privateHost = await api('POST', '', { url: 'https://crm.corp.example/hook', pattern: { source: ['a'] } });

    expect([loopback.statusCode, loopback.json().error.code]).toEqual([400, 'WEBHOOK_ENDPOINT_REFUSED']);
    expect(loopback.json().error.details).toMatchObject({ addressClass: 'loopback' });
    expect(metadata.json().error.details).toMatchObject({ addressClass: 'link-local', address: '169.254.169.254' });
    expect(privateHost.json().error.details).toMatchObject({ addressClass: 'private' });
    expect(receiver.received).toHaveLength(0);
  });

  it('checks the endpoint again before every attempt: a host that now resolves to a private address is dead-lettered unsent', async () => {
    let answer = '93.184.216.34';
    const lookup = async () => [{ address: answer, family: 4 }];
    h = await webhooksHarness({ lookup, subscriptions: [{ id: 'rebind', url: 'http://hooks.example.test/x', pattern: { source: ['shop'] }, secret: SECRET }] });
    answer = '10.0.0.5';
    await h.bus.putEvents([{ Source: 'shop', DetailType: 'OrderPaid', Detail: {} }]);
    await h.bus.deliver();
    await h.queue.runOnce([DELIVER_JOB]);

    const dead = await h.queue.listDead({ type: DELIVER_JOB });
    const attempts = (await api('GET', '/rebind/attempts')).json().attempts;
    expect(dead[0]).toMatchObject({ reason: 'permanent', errors: [expect.objectContaining({ code: 'WEBHOOK_ENDPOINT_REFUSED' })] });
    expect(attempts[0]).toMatchObject({ outcome: 'failed', status: null, error: expect.stringContaining('10.0.0.5') });
  });

  it('refuses a configured subscription to an internal endpoint at start', async () => {
    await expect(webhooksHarness({ subscriptions: [{ id: 'bad', url: receiver.url, pattern: { source: ['a'] } }] })).rejects.toMatchObject({ code: 'WEBHOOK_ENDPOINT_REFUSED' });
  });

  it('keeps config-managed subscriptions in step with hashi.yaml: changes applied, removals deleted, `enabled: false` honoured, automatic disables kept', async () => {
    const base = { url: receiver.url, pattern: { source: ['shop'] }, secret: SECRET };
    h = await webhooksHarness({ settings: { outbound: { allow: ['127.0.0.1'] } }, subscriptions: [{ id: 'a', ...base }, { id: 'b', ...base }, { id: 'c', ...base }] });
    const patchManaged = await api('PATCH', '/a', { description: 'x' });
    const deleteManaged = await api('DELETE', '/a');
    await h.webhooks.subscriptions.disable('c', 'failing');
    const rotatedSecret = 'whsec_dGVzdC1vbGQtc2VjcmV0LTAxMjM0NTY3ODlhYg==';

    await h.webhooks.subscriptions.syncConfig([
      { id: 'a', ...base, pattern: { source: ['support'] }, secret: rotatedSecret },
      { id: 'c', ...base },
      { id: 'd', ...base, enabled: false },
    ]);
    const subs = (await api('GET', '')).json().subscriptions as Array<{ id: string; enabled: boolean; disabledReason: string | null; pattern: unknown }>;
    const secretsOfA = (await api('GET', '/a/secret')).json();

    expect([patchManaged.statusCode, deleteManaged.statusCode]).toEqual([409, 409]);
    expect(patchManaged.json().error.code).toBe('WEBHOOK_SUBSCRIPTION_MANAGED');
    expect(subs.map((s) => [s.id, s.enabled, s.disabledReason])).toEqual([
      ['a', true, null],
      ['c', false, 'failing'],
      ['d', false, 'config'],
    ]);
    expect(subs[0]!.pattern).toEqual({ source: ['support'] });
    expect(secretsOfA).toMatchObject({ secret: rotatedSecret, previousSecret: SECRET });
    expect(h.bus.rules.has('webhooks.sub.b')).toBe(false);
  });
});
