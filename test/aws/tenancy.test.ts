import {
  CreateEventBusCommand,
  DescribeEventBusCommand,
  ListEventBusesCommand,
  ListRulesCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueUrlCommand, ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFor } from '../../src/keys/index.ts';
import { storeBackends } from '../support/backends.ts';
import { ADMIN_KEY, createKey } from '../support/hashi.ts';
import { awsKey, clients, listeningHashi, refusal, type ListeningHashi } from './support.ts';

const YAML = `
plans:
  default: { rps: 1000, burst: 1000, dailyQuota: 0 }
aws:
  accounts: { ops: '000000000000' }
sqs:
  queues:
    - QueueName: audit-q
events:
  rules:
    - Name: audit
      EventPattern: { source: [shop] }
      Targets: [{ Id: q, Arn: 'queue:audit-q', InputPath: '$.detail' }]
`;

for (const backend of storeBackends) describe(`tenancy and one bus with two front doors [${backend.name}]`, () => {
  let hashi: ListeningHashi;
  let acme: ReturnType<typeof clients>;
  let rival: ReturnType<typeof clients>;
  const acmeAccount = accountFor('acme', {}, '000000000000');

  beforeAll(async () => {
    hashi = await listeningHashi(backend.name, YAML);
    acme = clients(hashi, await awsKey(hashi, 'acme'));
    rival = clients(hashi, await awsKey(hashi, 'rival'));
  });
  afterAll(async () => {
    await hashi.close();
  });

  it("a tenant's keys see only that tenant's buses, rules and queues", async () => {
    const bus = await acme.eb.send(new CreateEventBusCommand({ Name: 'orders' }));
    await acme.eb.send(new PutRuleCommand({ Name: 'all', EventBusName: 'orders', EventPattern: '{"source":["shop"]}' }));
    const q = await acme.sqs.send(new CreateQueueCommand({ QueueName: 'orders-q' }));
    const queueArn = `arn:aws:sqs:local:${acmeAccount}:orders-q`;

    expect((await rival.eb.send(new ListEventBusesCommand({}))).EventBuses!.map((b) => b.Name)).toEqual(['default']);
    expect(await refusal(rival.eb.send(new DescribeEventBusCommand({ Name: 'orders' })))).toMatchObject({ name: 'ResourceNotFoundException' });
    expect(await refusal(rival.eb.send(new DescribeEventBusCommand({ Name: bus.EventBusArn })))).toMatchObject({ name: 'AccessDeniedException' });
    expect(await refusal(rival.eb.send(new ListRulesCommand({ EventBusName: bus.EventBusArn })))).toMatchObject({ name: 'AccessDeniedException' });
    const put = await rival.eb.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'x', Detail: '{}', EventBusName: bus.EventBusArn }] }));
    expect(put).toMatchObject({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'AccessDeniedException' }] });
    // A target in another account is refused before it could receive anything.
    await rival.eb.send(new PutRuleCommand({ Name: 'steal', EventPattern: '{"source":["shop"]}' }));
    expect(await refusal(rival.eb.send(new PutTargetsCommand({ Rule: 'steal', Targets: [{ Id: 'q', Arn: queueArn }] })))).toMatchObject({ name: 'AccessDeniedException' });

    expect((await rival.sqs.send(new ListQueuesCommand({}))).QueueUrls).toBeUndefined();
    expect(await refusal(rival.sqs.send(new GetQueueUrlCommand({ QueueName: 'orders-q' })))).toMatchObject({ name: 'QueueDoesNotExist' });
    expect(await refusal(rival.sqs.send(new SendMessageCommand({ QueueUrl: q.QueueUrl, MessageBody: 'x' })))).toMatchObject({ name: 'QueueDoesNotExist' });

    // The rival's own "orders" is another bus in another account.
    const mine = await rival.eb.send(new CreateEventBusCommand({ Name: 'orders' }));
    expect(mine.EventBusArn).not.toBe(bus.EventBusArn);
    // The admin sees both, each under its account.
    const admin = await hashi.app!.inject({ method: 'GET', url: '/admin/events/buses', headers: { 'x-admin-key': ADMIN_KEY } });
    expect(admin.json().Buses).toEqual(expect.arrayContaining([`${acmeAccount}/orders`, `${accountFor('rival', {}, '000000000000')}/orders`]));
  });

  it("hashi.yaml's queue: target and the native PutEvents feed a queue the SQS SDK consumes (a tenant mapped to events.account)", async () => {
    const ops = clients(hashi, await awsKey(hashi, 'ops'));
    const key = await createKey(hashi, 'shop');
    const res = await hashi.app!.inject({ method: 'POST', url: '/v1/events', headers: { 'x-api-key': key }, payload: { Entries: [{ Source: 'shop', DetailType: 'OrderPlaced', Detail: { orderId: 'o-9' } }] } });
    expect(res.json()).toMatchObject({ FailedEntryCount: 0 });
    await hashi.queue.drain();
    const { QueueUrl } = await ops.sqs.send(new GetQueueUrlCommand({ QueueName: 'audit-q' }));
    expect(QueueUrl).toBe(`${hashi.url}/000000000000/audit-q`);
    const got = await ops.sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
    expect(JSON.parse(got.Messages![0]!.Body!)).toMatchObject({ orderId: 'o-9' });
    // The rule hashi.yaml made is the same rule the EventBridge API lists, marked as managed there.
    expect((await ops.eb.send(new ListRulesCommand({}))).Rules).toEqual(expect.arrayContaining([expect.objectContaining({ Name: 'audit', ManagedBy: 'hashi.yaml' })]));
    expect(await refusal(ops.eb.send(new PutRuleCommand({ Name: 'audit', EventPattern: '{"source":["x"]}' })))).toMatchObject({ name: 'ManagedRuleException' });
  });
});
