import type { Executor } from '../../store/index.ts';
import type { DlqFilter } from '../types.ts';
import { q, type DeadJobsTable } from './tables.ts';

export async function selectDead(db: Executor, filter: DlqFilter): Promise<DeadJobsTable[]> {
  return q(db)
    .selectFrom('dead_jobs')
    .selectAll()
    .$if(filter.ids !== undefined, (qb) => qb.where('id', 'in', filter.ids!.length ? filter.ids! : ['\u0000']))
    .$if(filter.type !== undefined, (qb) => qb.where('type', '=', filter.type!))
    .$if(filter.reason !== undefined, (qb) => qb.where('reason', '=', filter.reason!))
    .$if(filter.since !== undefined, (qb) => qb.where('dead_at', '>=', filter.since!))
    .$if(filter.until !== undefined, (qb) => qb.where('dead_at', '<', filter.until!))
    .orderBy('dead_at', 'desc')
    .orderBy('id')
    .$if(filter.limit !== undefined, (qb) => qb.limit(filter.limit!))
    .execute();
}
