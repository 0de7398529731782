import type { EventEnvelope } from '../types.ts';
import { withChain } from './chain.ts';
import type { NormalizedEntry } from './entry.ts';
import { splitName, type Identity } from './namespace.ts';

/** ISO 8601 UTC without milliseconds, as EventBridge writes `time`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type { Identity } from './namespace.ts';

/** `arn:aws:events:<region>:<account>:<kind>/<name>`, the account being the one the stored name belongs to. */
function eventsArn(id: Identity, stored: string, kind: string, suffix = ''): string {
  const { account, name } = splitName(id.account, stored);
  return `arn:aws:events:${id.region}:${account}:${kind}/${name}${suffix}`;
}

/** `arn:aws:events:<region>:<account>:rule/[<bus>/]<name>`, EventBridge's layout. */
export function ruleArn(id: Identity, bus: string, name: string): string {
  const local = splitName(id.account, bus);
  return `arn:aws:events:${id.region}:${local.account}:rule/${local.name === 'default' ? '' : `${local.name}/`}${name}`;
}

export const busArn = (id: Identity, bus: string): string => eventsArn(id, bus, 'event-bus');
export const archiveArn = (id: Identity, archive: string): string => eventsArn(id, archive, 'archive');
export const replayArn = (id: Identity, replay: string): string => eventsArn(id, replay, 'replay');

/** The account an event published on `bus` is written with. */
export const accountOf = (id: Identity, bus: string): string => splitName(id.account, bus).account;

export function buildEnvelope(
  entry: NormalizedEntry,
  args: Identity & { id: string; chain: { depth: number; causedBy?: string }; replayName?: string },
): EventEnvelope {
  const envelope: EventEnvelope = {
    version: '0',
    id: args.id,
    'detail-type': entry.detailType,
    source: entry.source,
    account: accountOf(args, entry.bus),
    time: isoSeconds(entry.time),
    region: args.region,
    resources: entry.resources,
    detail: withChain(entry.detail, args.chain),
  };
  if (args.replayName !== undefined) envelope['replay-name'] = args.replayName;
  return envelope;
}
