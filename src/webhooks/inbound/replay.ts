import { NotFoundError, type Clock } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import type { EventPublisher } from '../types.ts';
import { getDelivery, markReplayed } from './deliveries.ts';
import { publishOrThrow } from './publish.ts';

/**
 * Re-publishes the events a stored delivery produced, exactly as they were
 * published (new event ids; `replayName` marks them), and counts the replay.
 */
export async function replayDelivery(deps: { store: Store; clock: Clock; publisher: EventPublisher }, id: string): Promise<{ deliveryId: string; eventIds: string[] }> {
  const delivery = await getDelivery(deps.store.db, id);
  if (!delivery) throw new NotFoundError('WEBHOOK_DELIVERY_NOT_FOUND', `no stored webhook delivery ${id}`);
  const eventIds = await deps.store.transaction(async (tx) => {
    const ids = await publishOrThrow(deps.publisher, delivery.events, { tx, replayName: `webhook-delivery-${id}` });
    await markReplayed(tx, id, deps.clock.now());
    return ids;
  });
  return { deliveryId: id, eventIds };
}
