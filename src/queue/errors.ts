import { defineCodes } from '../kernel/index.ts';

export const QUEUE_CODES = defineCodes({
  QUEUE_INVALID_JOB: { status: 400, description: 'A job was enqueued without a type.' },
  QUEUE_DUPLICATE_HANDLER: { status: 500, description: 'Two handlers were registered for one job type (a wiring bug).' },
  DLQ_NOT_FOUND: { status: 404, description: 'No dead-lettered job has this id.' },
  EXPIRED: { status: 500, description: 'Recorded on a job that passed its maximum age before it could run.' },
  LEASE_EXPIRED: { status: 500, description: 'Recorded on a job whose final attempt never acked (its worker died).' },
});
