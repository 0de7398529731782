import type { Executor } from '../../store/index.ts';
import type { QueueStats } from '../types.ts';
import { q } from './tables.ts';

/** Waiting, running (leased and not yet visible) and dead counts per job type. */
export async function queueStats(db: Executor, now: number): Promise<QueueStats[]> {
  const live = await q(db)
    .selectFrom('jobs')
    .select((eb) => [
      'type',
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('lease', 'is not', null), eb('run_at', '>', now)])).then(1).else(0).end()).as('running'),
    ])
    .groupBy('type')
    .execute();
  const dead = await q(db)
    .selectFrom('dead_jobs')
    .select((eb) => ['type', eb.fn.countAll<number>().as('dead')])
    .groupBy('type')
    .execute();
  const byType = new Map<string, QueueStats>();
  for (const r of live) {
    const running = Number(r.running ?? 0);
    byType.set(r.type, { type: r.type, ready: Number(r.total) - running, running, dead: 0 });
  }
  for (const r of dead) {
    const s = byType.get(r.type) ?? { type: r.type, ready: 0, running: 0, dead: 0 };
    s.dead = Number(r.dead);
    byType.set(r.type, s);
  }
  return [...byType.values()].sort((a, b) => a.type.localeCompare(b.type));
}
