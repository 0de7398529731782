import { DescribeRuleCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsKey, clients, listeningHashi, refusal, type ListeningHashi } from './support.ts';

const EVENT = { id: '1', account: '000000000000', source: 'net', time: '2026-01-01T00:00:00Z', region: 'local', 'detail-type': 'Flow', resources: [], detail: { ip: '54.240.196.17' } };

/** The conformance items of issue 14, as the SDK sees them. */
describe('EventBridge conformance through the SDK [sqlite]', () => {
  let hashi: ListeningHashi;
  let eb: ReturnType<typeof clients>['eb'];
  let sqs: ReturnType<typeof clients>['sqs'];

  beforeAll(async () => {
    hashi = await listeningHashi('sqlite');
    ({ eb, sqs } = clients(hashi, await awsKey(hashi, 'acme')));
  });
  afterAll(async () => {
    await hashi.close();
  });

  it('TestEventPattern: a CIDR whose address has host bits set covers its whole network (event-ruler #89)', async () => {
    const test = (cidr: string) => eb.send(new TestEventPatternCommand({ EventPattern: JSON.stringify({ detail: { ip: [{ cidr }] } }), Event: JSON.stringify(EVENT) }));
    expect((await test('54.240.196.171/24')).Result).toBe(true);
    expect((await test('54.240.197.171/24')).Result).toBe(false);
    expect(await refusal(eb.send(new TestEventPatternCommand({ EventPattern: '{"detail":{"ip":[{"cidr":"10.0.0.0"}]}}', Event: JSON.stringify(EVENT) })))).toMatchObject({ name: 'InvalidEventPatternException' });
  });

  it('PutRule: rate expressions with stray whitespace are refused; a past-years cron and a one-time at() are accepted', async () => {
    for (const expression of ['rate( 10 minutes )', ' rate(10 minutes)', 'rate(10  minutes)']) {
      expect(await refusal(eb.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: expression })))).toMatchObject({ name: 'ValidationException' });
    }
    await eb.send(new PutRuleCommand({ Name: 'over', ScheduleExpression: 'cron(0 10 * * ? 2019-2020)' }));
    await eb.send(new PutRuleCommand({ Name: 'once', ScheduleExpression: 'at(2099-01-01T00:00:00)' }));
    expect(await eb.send(new DescribeRuleCommand({ Name: 'once' }))).toMatchObject({ ScheduleExpression: 'at(2099-01-01T00:00:00)', State: 'ENABLED' });
  });

  it('InputTransformer: lists and objects inside a text template, a missing path, <aws.events.event> as AWS renders them', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'shapes' }));
    const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    await eb.send(new PutRuleCommand({ Name: 'shapes', EventPattern: '{"source":["shop"]}' }));
    await eb.send(
      new PutTargetsCommand({
        Rule: 'shapes',
        Targets: [
          { Id: 'text', Arn: arn, InputTransformer: { InputPathsMap: { list: '$.detail.list', obj: '$.detail.obj', gone: '$.detail.gone' }, InputTemplate: '"<list> and <obj> and [<gone>]"' } },
          { Id: 'json', Arn: arn, InputTransformer: { InputPathsMap: { gone: '$.detail.gone' }, InputTemplate: '{"e": <aws.events.event>, "gone": <gone>}' } },
        ],
      }),
    );
    await eb.send(new PutEventsCommand({ Entries: [{ Source: 'shop', DetailType: 'Shaped', Detail: JSON.stringify({ list: ['A', 'B'], obj: { k: 'v' } }) }] }));
    await hashi.queue.drain();
    const got = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }))).Messages ?? [];
    const bodies = got.map((m) => m.Body!);
    expect(bodies).toContain('"[A,B] and {k:v} and []"');
    const json = JSON.parse(bodies.find((b) => b.startsWith('{'))!);
    expect(json.gone).toBe('');
    expect(Object.keys(json.e)).toEqual(['id', 'account', 'detailType', 'time', 'source', 'region', 'resources', 'version']);
    expect(json.e.detailType).toBe('Shaped');
  });
});
