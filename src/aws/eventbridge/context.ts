import type { EventBus } from '../../events/index.ts';
import type { CallContext } from '../protocol/service.ts';
import { EventBridgeNames } from './names.ts';

/** What every EventBridge operation works with: the bus and the caller's view of names. */
export interface EbCall {
  bus: EventBus;
  names: EventBridgeNames;
  ctx: CallContext;
}

export type EbOperation = (input: Record<string, unknown>, call: EbCall) => Promise<Record<string, unknown>>;

export function ebCall(bus: EventBus, ctx: CallContext): EbCall {
  return { bus, names: new EventBridgeNames(bus.identity.account, bus.identity.region, ctx.caller.account), ctx };
}
