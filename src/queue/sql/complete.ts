import type { Executor } from '../../store/index.ts';
import { q } from './tables.ts';

/** Acks a job. False when the lease was lost (the job was re-claimed after a timeout). */
export async function completeJob(db: Executor, id: string, lease: string): Promise<boolean> {
  const res = await q(db).deleteFrom('jobs').where('id', '=', id).where('lease', '=', lease).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
