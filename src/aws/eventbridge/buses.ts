import type { StoredBus } from '../../events/index.ts';
import { isHashiError } from '../../kernel/index.ts';
import { epochSeconds, int, page, str } from '../protocol/input.ts';
import type { EbCall, EbOperation } from './context.ts';

function describe(b: StoredBus, call: EbCall): Record<string, unknown> {
  const out: Record<string, unknown> = { Name: call.names.local(b.Name), Arn: b.Arn };
  if (b.Description !== undefined) out.Description = b.Description;
  if (b.CreationTime !== undefined) out.CreationTime = epochSeconds(b.CreationTime);
  if (b.LastModifiedTime !== undefined) out.LastModifiedTime = epochSeconds(b.LastModifiedTime);
  return out;
}

const tagsOf = (input: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(((input.Tags as Array<{ Key: string; Value: string }> | undefined) ?? []).map((t) => [String(t.Key), String(t.Value)]));

export const busOperations: Record<string, EbOperation> = {
  async CreateEventBus(input, call) {
    const name = str(input, 'Name', { required: true, max: 256 });
    const description = str(input, 'Description', { max: 512 });
    const stored = call.names.bus(name);
    const bus = await call.bus.createBus({ Name: stored, ...(description !== undefined ? { Description: description } : {}) });
    const tags = tagsOf(input);
    if (Object.keys(tags).length > 0) await call.bus.tagResource(bus.Arn, tags);
    return { EventBusArn: bus.Arn, ...(description !== undefined ? { Description: description } : {}) };
  },

  async DeleteEventBus(input, call) {
    const stored = call.names.bus(str(input, 'Name', { required: true, max: 256 }));
    // EventBridge answers success for a bus that is already gone.
    await call.bus.deleteBus(stored).catch((err: unknown) => {
      if (!(isHashiError(err) && err.code === 'EVENT_BUS_NOT_FOUND')) throw err;
    });
    return {};
  },

  async DescribeEventBus(input, call) {
    return describe(await call.bus.getBus(call.names.bus(str(input, 'Name', { max: 1600 }))), call);
  },

  async ListEventBuses(input, call) {
    const prefix = str(input, 'NamePrefix', { max: 256 }) ?? '';
    const buses = (await call.bus.listBuses(call.ctx.caller.account)).filter((b) => call.names.local(b.Name).startsWith(prefix));
    const { items, nextToken } = page(buses, int(input, 'Limit', 1, 100), str(input, 'NextToken'));
    return { EventBuses: items.map((b) => describe(b, call)), ...(nextToken ? { NextToken: nextToken } : {}) };
  },

  async TagResource(input, call) {
    const arn = await ownedResource(str(input, 'ResourceARN', { required: true, max: 1600 }), call);
    const tags = Object.fromEntries(((input.Tags as Array<{ Key: unknown; Value: unknown }> | undefined) ?? []).map((t) => [String(t.Key), String(t.Value)]));
    await call.bus.tagResource(arn, tags);
    return {};
  },

  async UntagResource(input, call) {
    const arn = await ownedResource(str(input, 'ResourceARN', { required: true, max: 1600 }), call);
    await call.bus.untagResource(arn, ((input.TagKeys as unknown[] | undefined) ?? []).map(String));
    return {};
  },

  async ListTagsForResource(input, call) {
    const arn = await ownedResource(str(input, 'ResourceARN', { required: true, max: 1600 }), call);
    const tags = await call.bus.listTags(arn);
    return { Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) };
  },
};

/** A bus or rule ARN of the caller's account that exists (ResourceNotFoundException otherwise). */
async function ownedResource(arn: string, call: EbCall): Promise<string> {
  const rule = call.names.ruleOfArn(arn);
  if (rule) return (await call.bus.getRule(rule.name, rule.bus)).Arn;
  return (await call.bus.getBus(call.names.busOfArn(arn, 'ResourceARN'))).Arn;
}
