import { ListEventBusesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, ListQueuesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFor } from '../../src/keys/index.ts';
import { ADMIN_KEY } from '../support/hashi.ts';
import { awsKey, clients, listeningHashi, refusal, type AwsCredentials, type ListeningHashi } from './support.ts';

const SIXTEEN_MINUTES = 16 * 60_000;

/** SigV4 as the SDKs sign it: the right key passes; everything else is refused with the exception each service really returns. */
describe('SigV4 against keys Hashi issued [sqlite]', () => {
  let hashi: ListeningHashi;
  let key: AwsCredentials;

  beforeAll(async () => {
    hashi = await listeningHashi('sqlite');
    key = await awsKey(hashi, 'acme');
  });
  afterAll(async () => {
    await hashi.close();
  });

  it('a key Hashi issued signs both services', async () => {
    const { eb, sqs } = clients(hashi, key);
    expect((await eb.send(new ListEventBusesCommand({}))).EventBuses).toMatchObject([{ Name: 'default' }]);
    expect(await sqs.send(new CreateQueueCommand({ QueueName: 'q' }))).toMatchObject({ QueueUrl: expect.stringMatching(/\/q$/) });
  });

  it('a wrong secret: InvalidSignatureException (EventBridge), SignatureDoesNotMatch (SQS)', async () => {
    const { eb, sqs } = clients(hashi, { ...key, secretAccessKey: `${key.secretAccessKey.slice(0, -2)}xx` });
    expect(await refusal(eb.send(new ListEventBusesCommand({})))).toMatchObject({ name: 'InvalidSignatureException', status: 400, message: expect.stringContaining('does not match') });
    expect(await refusal(sqs.send(new ListQueuesCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', status: 403 });
  });

  it('an unknown access key: UnrecognizedClientException (EventBridge), InvalidClientTokenId (SQS)', async () => {
    const { eb, sqs } = clients(hashi, { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: key.secretAccessKey });
    expect(await refusal(eb.send(new ListEventBusesCommand({})))).toMatchObject({ name: 'UnrecognizedClientException', status: 400, message: 'The security token included in the request is invalid.' });
    expect(await refusal(sqs.send(new ListQueuesCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
  });

  it('a clock skewed beyond the window is refused as expired; the SDK then corrects its clock from our Date header', async () => {
    const skewed = clients(hashi, key, { systemClockOffset: -SIXTEEN_MINUTES });
    expect(await refusal(skewed.eb.send(new ListEventBusesCommand({})))).toMatchObject({ name: 'InvalidSignatureException', message: expect.stringMatching(/^Signature expired: .* - 5 min\.\)$/) });
    expect(await refusal(skewed.sqs.send(new ListQueuesCommand({})))).toMatchObject({ name: 'SignatureDoesNotMatch', message: expect.stringMatching(/^Signature expired: .* - 15 min\.\)$/) });
    // Clients that retry (the default) recognise these as clock-skew errors and succeed on the next attempt.
    const retrying = clients(hashi, key, { systemClockOffset: -SIXTEEN_MINUTES, maxAttempts: 3 });
    expect((await retrying.eb.send(new ListEventBusesCommand({}))).EventBuses).toBeDefined();
    // Within SQS's 15 minutes, EventBridge's 5 already refuse.
    const tenMinutes = clients(hashi, key, { systemClockOffset: -10 * 60_000 });
    expect(await tenMinutes.sqs.send(new ListQueuesCommand({}))).toBeDefined();
    expect(await refusal(tenMinutes.eb.send(new ListEventBusesCommand({})))).toMatchObject({ name: 'InvalidSignatureException' });
  });

  it('a body changed after signing is refused, and so is a credential scoped to another region', async () => {
    const { eb, sqs } = clients(hashi, key);
    const tamper = (client: typeof eb | typeof sqs) =>
      client.middlewareStack.addRelativeTo(
        ((next: (args: unknown) => Promise<unknown>) => async (args: { request: { body: string | Uint8Array } }) => {
          // Same length, so Content-Length (also signed) still fits: only the signed payload hash can tell.
          const text = typeof args.request.body === 'string' ? args.request.body : Buffer.from(args.request.body).toString('utf8');
          args.request.body = text.replace('"hello"', '"HELLO"').replace('o-1', 'o-2');
          return next(args);
        }) as never,
        { relation: 'after', toMiddleware: 'httpSigningMiddleware', name: 'tamper' },
      );
    const q = await sqs.send(new CreateQueueCommand({ QueueName: 'tampered' }));
    tamper(eb);
    tamper(sqs);
    expect(await refusal(sqs.send(new SendMessageCommand({ QueueUrl: q.QueueUrl, MessageBody: 'hello' })))).toMatchObject({ name: 'SignatureDoesNotMatch' });
    expect(await refusal(eb.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{"id":"o-1"}' }] })))).toMatchObject({ name: 'InvalidSignatureException' });
    const elsewhere = clients(hashi, key, { region: 'us-east-1' });
    expect(await refusal(elsewhere.eb.send(new ListEventBusesCommand({})))).toMatchObject({ name: 'InvalidSignatureException', message: expect.stringContaining("not 'us-east-1'") });
  });

  it('an unsigned request is refused (aws.allowUnsigned is off); a revoked key stops working at once', async () => {
    const res = await fetch(hashi.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListEventBuses' }, body: '{}' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ __type: 'MissingAuthenticationTokenException' });
    const doomed = await awsKey(hashi, 'acme');
    const { eb } = clients(hashi, doomed);
    await eb.send(new ListEventBusesCommand({}));
    const revoked = await hashi.app!.inject({ method: 'DELETE', url: `/admin/keys/aws/${doomed.accessKeyId}`, headers: { 'x-admin-key': ADMIN_KEY } });
    expect(revoked.statusCode).toBe(200);
    expect(await refusal(eb.send(new ListEventBusesCommand({})))).toMatchObject({ name: 'UnrecognizedClientException' });
  });

  it('errors are in the AWS shape, never the Hashi envelope: unknown operation, bad JSON', async () => {
    const unknown = await fetch(hashi.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.Nope' }, body: '{}' });
    expect(await unknown.json()).toMatchObject({ __type: 'UnknownOperationException' });
    const bad = await fetch(hashi.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' }, body: '{nope' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ __type: expect.stringContaining('SerializationException') });
  });
});

describe('aws.allowUnsigned (local development) [sqlite]', () => {
  let hashi: ListeningHashi;
  beforeAll(async () => {
    hashi = await listeningHashi('sqlite', 'aws:\n  allowUnsigned: true\n  unsignedTenant: dev\n');
  });
  afterAll(async () => {
    await hashi.close();
  });

  it('accepts a request with no signature as unsignedTenant, and still verifies signed ones', async () => {
    const call = (body: object) =>
      fetch(hashi.url, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.CreateQueue' }, body: JSON.stringify(body) });
    const res = await call({ QueueName: 'dev-q' });
    expect(res.status).toBe(200);
    const { QueueUrl } = (await res.json()) as { QueueUrl: string };
    expect(QueueUrl).toContain(`/${accountFor('dev', {}, '000000000000')}/dev-q`);
    const { sqs } = clients(hashi, { accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'not-a-key-hashi-issued' });
    expect(await refusal(sqs.send(new ListQueuesCommand({})))).toMatchObject({ name: 'InvalidClientTokenId' });
  });
});
