import type { ReplayStatus } from '../../events/index.ts';
import { AwsError } from '../protocol/aws-error.ts';
import { epochSeconds, int, page, str, validation } from '../protocol/input.ts';
import type { EbCall, EbOperation } from './context.ts';

function describe(r: ReplayStatus, call: EbCall, full: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ReplayName: call.names.local(r.ReplayName),
    EventSourceArn: call.names.archiveArn(r.ArchiveName),
    State: r.State,
    EventStartTime: epochSeconds(r.EventStartTime),
    EventEndTime: epochSeconds(r.EventEndTime),
    ReplayStartTime: epochSeconds(r.ReplayStartTime),
  };
  if (r.StateReason) out.StateReason = r.StateReason;
  if (r.EventLastReplayedTime) out.EventLastReplayedTime = epochSeconds(r.EventLastReplayedTime);
  if (r.ReplayEndTime) out.ReplayEndTime = epochSeconds(r.ReplayEndTime);
  if (full) {
    out.ReplayArn = call.names.replayArn(r.ReplayName);
    out.Destination = { Arn: call.names.busArn(r.EventBusName), ...(r.Rules ? { FilterArns: r.Rules.map((n) => call.names.ruleArn(r.EventBusName, n)) } : {}) };
  }
  return out;
}

/** An AWS JSON timestamp: epoch seconds (the SDKs send numbers). */
function time(input: Record<string, unknown>, name: string): Date {
  const v = input[name];
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000);
  if (typeof v === 'string' && Number.isFinite(Date.parse(v))) return new Date(v);
  throw validation(name, 'Member must not be null', v);
}

const replayName = (input: Record<string, unknown>, call: EbCall) => call.names.named(str(input, 'ReplayName', { required: true, max: 64 }));

export const replayOperations: Record<string, EbOperation> = {
  /**
   * StartReplay into the archive's own bus (EventBridge does not replay across
   * buses), to every rule or to the rules in Destination.FilterArns.
   */
  async StartReplay(input, call) {
    const name = replayName(input, call);
    const archive = await call.bus.getArchive(call.names.archiveOfArn(str(input, 'EventSourceArn', { required: true, max: 1600 }), 'EventSourceArn'));
    const destination = input.Destination as { Arn?: unknown; FilterArns?: unknown } | undefined;
    if (!destination || typeof destination.Arn !== 'string') throw validation('Destination.Arn', 'Member must not be null');
    if (call.names.busOfArn(destination.Arn, 'Destination.Arn') !== archive.EventBusName) {
      throw new AwsError('ValidationException', 'Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.', 400);
    }
    const filters = Array.isArray(destination.FilterArns) ? destination.FilterArns.map(String) : undefined;
    const rules = filters?.map((arn) => {
      const rule = call.names.ruleOfArn(arn);
      if (!rule || rule.bus !== archive.EventBusName) throw new AwsError('ValidationException', `Parameter Destination.FilterArns is not valid. Reason: ${arn} is not a rule of the archive's event bus.`, 400);
      return rule.name;
    });
    const description = str(input, 'Description', { max: 512 });
    const started = await call.bus.startReplay({
      ReplayName: name,
      ArchiveName: archive.ArchiveName,
      EventStartTime: time(input, 'EventStartTime'),
      EventEndTime: time(input, 'EventEndTime'),
      ...(rules && rules.length > 0 ? { Rules: rules } : {}),
      ...(description !== undefined ? { Description: description } : {}),
    });
    return { ReplayArn: call.names.replayArn(started.ReplayName), State: started.State, ReplayStartTime: epochSeconds(started.ReplayStartTime) };
  },

  async DescribeReplay(input, call) {
    return describe(await call.bus.getReplay(replayName(input, call)), call, true);
  },

  async CancelReplay(input, call) {
    const r = await call.bus.cancelReplay(replayName(input, call));
    return { ReplayArn: call.names.replayArn(r.ReplayName), State: r.State };
  },

  async ListReplays(input, call) {
    const prefix = str(input, 'NamePrefix', { max: 64 }) ?? '';
    const state = str(input, 'State');
    const source = str(input, 'EventSourceArn', { max: 1600 });
    const archive = source === undefined ? undefined : call.names.archiveOfArn(source, 'EventSourceArn');
    const mine = (await call.bus.listReplays()).filter(
      (r) => call.names.owns(r.ReplayName) && call.names.local(r.ReplayName).startsWith(prefix) && (state === undefined || r.State === state) && (archive === undefined || r.ArchiveName === archive),
    );
    const { items, nextToken } = page(mine, int(input, 'Limit', 1, 100), str(input, 'NextToken'));
    return { Replays: items.map((r) => describe(r, call, false)), ...(nextToken ? { NextToken: nextToken } : {}) };
  },
};
