import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  ListRuleNamesByTargetCommand,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountFor } from '../../src/keys/index.ts';
import { storeBackends } from '../support/backends.ts';
import { awsKey, clients, listeningHashi, type ListeningHashi } from './support.ts';

const YAML = `
plans:
  default: { rps: 1000, burst: 1000, dailyQuota: 0 }
`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The scenario, with nothing but the official clients on the caller's side.
for (const backend of storeBackends) describe(`EventBridge and SQS SDKs against Hashi [${backend.name}]`, () => {
  let hashi: ListeningHashi;
  let eb: ReturnType<typeof clients>['eb'];
  let sqs: ReturnType<typeof clients>['sqs'];
  let account: string;

  beforeAll(async () => {
    hashi = await listeningHashi(backend.name, YAML);
    ({ eb, sqs } = clients(hashi, await awsKey(hashi, 'acme')));
    account = accountFor('acme', {}, '000000000000');
  });
  afterAll(async () => {
    await hashi.close();
  });

  const receiveAll = async (QueueUrl: string, n: number): Promise<Message[]> => {
    const got: Message[] = [];
    for (let i = 0; i < 10 && got.length < n; i++) {
      const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }));
      got.push(...(r.Messages ?? []));
    }
    return got;
  };

  it('bus, rule with pattern and input transformer, SQS target, archive; put, long-poll, visibility, delete, DLQ, replay', async () => {
    const startedAt = Date.now() - 60_000;
    const bus = await eb.send(new CreateEventBusCommand({ Name: 'orders' }));
    expect(bus.EventBusArn).toBe(`arn:aws:events:local:${account}:event-bus/orders`);

    const dlq = await sqs.send(new CreateQueueCommand({ QueueName: 'orders-dlq' }));
    expect(dlq.QueueUrl).toBe(`${hashi.url}/${account}/orders-dlq`);
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'orders-q', Attributes: { VisibilityTimeout: '30', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }) } }));
    const QueueUrl = queue.QueueUrl!;
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }))).Attributes!.QueueArn!;
    expect(queueArn).toBe(`arn:aws:sqs:local:${account}:orders-q`);

    const rule = await eb.send(
      new PutRuleCommand({ Name: 'big-orders', EventBusName: 'orders', EventPattern: JSON.stringify({ source: ['shop'], 'detail-type': ['OrderPlaced'], detail: { total: [{ numeric: ['>', 100] }] } }) }),
    );
    expect(rule.RuleArn).toBe(`arn:aws:events:local:${account}:rule/orders/big-orders`);
    await eb.send(
      new PutTargetsCommand({
        Rule: 'big-orders',
        EventBusName: 'orders',
        Targets: [{ Id: 'q', Arn: queueArn, InputTransformer: { InputPathsMap: { id: '$.detail.orderId', total: '$.detail.total' }, InputTemplate: '{"order": <id>, "total": <total>, "rule": "<aws.events.rule-name>"}' } }],
      }),
    );
    const archive = await eb.send(new CreateArchiveCommand({ ArchiveName: 'orders-archive', EventSourceArn: bus.EventBusArn, EventPattern: JSON.stringify({ source: ['shop'] }) }));

    // A long poll waiting before anything is sent is answered when the delivery lands.
    const waiting = sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 10 }));
    await sleep(100);
    const put = await eb.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-1', total: 250 }), EventBusName: 'orders' },
          { Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-2', total: 50 }), EventBusName: 'orders' },
          { Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ orderId: 'o-3', total: 300 }), EventBusName: bus.EventBusArn },
        ],
      }),
    );
    expect(put.FailedEntryCount).toBe(0);
    expect(put.Entries!.every((e) => e.EventId)).toBe(true);
    await hashi.queue.drain();
    const first = [...((await waiting).Messages ?? []), ...(await receiveAll(QueueUrl, 0))];
    const more = first.length < 2 ? await receiveAll(QueueUrl, 2 - first.length) : [];
    const delivered = [...first, ...more];
    expect(delivered.map((m) => JSON.parse(m.Body!)).sort((a, b) => a.order.localeCompare(b.order))).toEqual([
      { order: 'o-1', total: 250, rule: 'big-orders' },
      { order: 'o-3', total: 300, rule: 'big-orders' },
    ]);
    const o1 = delivered.find((m) => m.Body!.includes('o-1'))!;
    const o3 = delivered.find((m) => m.Body!.includes('o-3'))!;

    // Visibility: made visible again at once, received a second time; o-3 deleted for good.
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: o1.ReceiptHandle, VisibilityTimeout: 0 }));
    const again = await receiveAll(QueueUrl, 1);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ MessageId: o1.MessageId, Attributes: expect.objectContaining({ ApproximateReceiveCount: '2' }) });
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: o3.ReceiptHandle }));

    // Poisoned: received maxReceiveCount (2) times and back again → moved to the dead-letter queue.
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: again[0]!.ReceiptHandle, VisibilityTimeout: 0 }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages).toBeUndefined();
    const dead = await receiveAll(dlq.QueueUrl!, 1);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ MessageId: o1.MessageId, Attributes: expect.objectContaining({ DeadLetterQueueSourceArn: queueArn }) });
    await sqs.send(new DeleteMessageCommand({ QueueUrl: dlq.QueueUrl, ReceiptHandle: dead[0]!.ReceiptHandle }));

    // Replay the archive: the matching events arrive again, transformed, marked as replayed.
    await sleep(1100);
    const replay = await eb.send(
      new StartReplayCommand({ ReplayName: 'again', EventSourceArn: archive.ArchiveArn, EventStartTime: new Date(startedAt), EventEndTime: new Date(), Destination: { Arn: bus.EventBusArn } }),
    );
    expect(replay.ReplayArn).toBe(`arn:aws:events:local:${account}:replay/again`);
    await hashi.queue.drain();
    expect(await eb.send(new DescribeReplayCommand({ ReplayName: 'again' }))).toMatchObject({ State: 'COMPLETED', EventSourceArn: archive.ArchiveArn });
    const replayed = await receiveAll(QueueUrl, 2);
    expect(replayed.map((m) => JSON.parse(m.Body!).order).sort()).toEqual(['o-1', 'o-3']);

    // The rule reads back as EventBridge shapes it.
    expect(await eb.send(new DescribeRuleCommand({ Name: 'big-orders', EventBusName: 'orders' }))).toMatchObject({ Arn: rule.RuleArn, State: 'ENABLED', EventBusName: 'orders' });
    expect((await eb.send(new ListTargetsByRuleCommand({ Rule: 'big-orders', EventBusName: 'orders' }))).Targets).toMatchObject([{ Id: 'q', Arn: queueArn }]);
    expect((await eb.send(new ListRuleNamesByTargetCommand({ TargetArn: queueArn, EventBusName: 'orders' }))).RuleNames).toEqual(['big-orders']);
  });
});
