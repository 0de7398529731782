import { AwsError } from '../protocol/aws-error.ts';
import { page } from '../protocol/input.ts';
import { invalidValue, number, object, strings, text } from './input.ts';
import type { SqsOperation } from './context.ts';

const stringMap = (m: Record<string, unknown> | undefined): Record<string, string> => Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, String(v)]));

export const queueOperations: Record<string, SqsOperation> = {
  async CreateQueue(input, call) {
    const name = text(input, 'QueueName', true);
    const q = await call.sqs.queues.create(call.account, name, object(input, 'Attributes') ?? {}, stringMap(object(input, 'tags')));
    return { QueueUrl: call.urlOf(q) };
  },

  async GetQueueUrl(input, call) {
    const name = text(input, 'QueueName', true);
    const owner = text(input, 'QueueOwnerAWSAccountId');
    if (owner !== undefined && owner !== call.account) throw new AwsError('QueueDoesNotExist', 'The specified queue does not exist.', 400, 'AWS.SimpleQueueService.NonExistentQueue');
    return { QueueUrl: call.urlOf(await call.sqs.queues.get(call.account, name)) };
  },

  async ListQueues(input, call) {
    const prefix = text(input, 'QueueNamePrefix') ?? '';
    const max = number(input, 'MaxResults');
    if (max !== undefined && (max < 1 || max > 1000)) throw invalidValue('MaxResults', max);
    const token = text(input, 'NextToken');
    const all = await call.sqs.queues.list(call.account, prefix);
    // Without MaxResults SQS returns up to 1000 URLs and no NextToken.
    const { items, nextToken } = page(all, max ?? 1000, max === undefined ? undefined : token);
    return items.length === 0 ? {} : { QueueUrls: items.map((q) => call.urlOf(q)), ...(max !== undefined && nextToken ? { NextToken: nextToken } : {}) };
  },

  async DeleteQueue(input, call) {
    await call.sqs.queues.delete(await call.queue(input));
    return {};
  },

  async GetQueueAttributes(input, call) {
    const q = await call.queue(input);
    const names = strings(input, 'AttributeNames');
    const attributes = names.length === 0 ? {} : await call.sqs.queues.attributes(q, names);
    return Object.keys(attributes).length === 0 ? {} : { Attributes: attributes };
  },

  async SetQueueAttributes(input, call) {
    await call.sqs.queues.setAttributes(await call.queue(input), object(input, 'Attributes') ?? {});
    return {};
  },

  async PurgeQueue(input, call) {
    await call.sqs.purge(await call.queue(input));
    return {};
  },

  async TagQueue(input, call) {
    await call.sqs.queues.tag(await call.queue(input), stringMap(object(input, 'Tags')));
    return {};
  },

  async UntagQueue(input, call) {
    await call.sqs.queues.untag(await call.queue(input), strings(input, 'TagKeys'));
    return {};
  },

  async ListQueueTags(input, call) {
    const q = await call.queue(input);
    return Object.keys(q.tags).length === 0 ? {} : { Tags: q.tags };
  },

  async ListDeadLetterSourceQueues(input, call) {
    const sources = await call.sqs.queues.deadLetterSources(await call.queue(input));
    return { queueUrls: sources.map((q) => call.urlOf(q)) };
  },
};

