import type { EventEnvelope } from '../types.ts';
import { withChain } from './chain.ts';
import type { NormalizedEntry } from './entry.ts';

/** ISO 8601 UTC without milliseconds, as EventBridge writes `time`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface Identity {
  account: string;
  region: string;
}

/** `arn:hashi:events:<region>:<account>:rule/[<bus>/]<name>` (EventBridge's layout, Hashi's partition). */
export function ruleArn(id: Identity, bus: string, name: string): string {
  return `arn:hashi:events:${id.region}:${id.account}:rule/${bus === 'default' ? '' : `${bus}/`}${name}`;
}

export function busArn(id: Identity, bus: string): string {
  return `arn:hashi:events:${id.region}:${id.account}:event-bus/${bus}`;
}

export function buildEnvelope(
  entry: NormalizedEntry,
  args: Identity & { id: string; chain: { depth: number; causedBy?: string }; replayName?: string },
): EventEnvelope {
  const envelope: EventEnvelope = {
    version: '0',
    id: args.id,
    'detail-type': entry.detailType,
    source: entry.source,
    account: args.account,
    time: isoSeconds(entry.time),
    region: args.region,
    resources: entry.resources,
    detail: withChain(entry.detail, args.chain),
  };
  if (args.replayName !== undefined) envelope['replay-name'] = args.replayName;
  return envelope;
}
