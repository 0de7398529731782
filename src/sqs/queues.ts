import { ConflictError, NotFoundError, ValidationError, newId, type Clock } from '../kernel/index.ts';
import type { Store } from '../store/index.ts';
import { ALL_ATTRIBUTE_NAMES, FIFO_DEFAULTS, READ_ONLY, STANDARD_DEFAULTS, checkAttributes, redriveOf } from './attributes.ts';
import { checkQueueName, parseQueueArn, queueArn } from './names.ts';
import { countMessages } from './sql/housekeeping.ts';
import { deleteQueueRows, insertQueue, selectQueue, selectQueues, updateQueue } from './sql/queues.ts';
import type { QueueRecord } from './types.ts';

export interface QueueAdminDeps {
  store: Store;
  clock: Clock;
  region: string;
}

const notFound = (name: string) => new NotFoundError('SQS_QUEUE_NOT_FOUND', `The specified queue ${name} does not exist.`);

/** Queues of an account: create (idempotent as SQS's), look up, list, attributes, tags, delete. */
export class QueueAdmin {
  constructor(private readonly deps: QueueAdminDeps) {}

  arnOf(q: Pick<QueueRecord, 'account' | 'name'>): string {
    return queueArn(this.deps.region, q.account, q.name);
  }

  async get(account: string, name: string): Promise<QueueRecord> {
    const q = await selectQueue(this.deps.store.db, account, name);
    if (!q) throw notFound(name);
    return q;
  }

  find(account: string, name: string): Promise<QueueRecord | undefined> {
    return selectQueue(this.deps.store.db, account, name);
  }

  /** A RedrivePolicy's target must be a queue of the same account and kind (SQS's rule). */
  private async checkRedrive(account: string, fifo: boolean, attributes: Record<string, string>): Promise<void> {
    const redrive = redriveOf(attributes);
    if (!redrive) return;
    const ref = parseQueueArn(redrive.deadLetterTargetArn);
    const dlq = ref && ref.account === account ? await selectQueue(this.deps.store.db, ref.account, ref.name) : undefined;
    const bad = (why: string) => new ValidationError('SQS_INVALID_ATTRIBUTE_VALUE', `Value ${attributes.RedrivePolicy} for parameter RedrivePolicy is invalid. Reason: ${why}`, { details: { attribute: 'RedrivePolicy' } });
    if (!dlq) throw bad('Dead letter target does not exist.');
    if (dlq.fifo !== fifo) throw bad('Dead-letter queue must be same type of queue as the source.');
  }

  /**
   * CreateQueue: a FIFO queue's name ends with `.fifo` and it sets FifoQueue.
   * Creating an existing queue returns it when the attributes given match its
   * own, and is refused (QueueNameExists) when one differs.
   */
  async create(account: string, nameInput: unknown, attributesInput: Record<string, unknown> = {}, tags: Record<string, string> = {}): Promise<QueueRecord> {
    const { name, fifo } = checkQueueName(nameInput);
    if ((attributesInput.FifoQueue === 'true') !== fifo) {
      throw new ValidationError('SQS_INVALID_PARAMETER', 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length; a FIFO queue sets the FifoQueue attribute to true.', {
        details: { field: 'QueueName' },
      });
    }
    const given = checkAttributes(attributesInput, { fifo, creating: true });
    const existing = await selectQueue(this.deps.store.db, account, name);
    if (existing) return this.sameOrRefuse(existing, given);
    await this.checkRedrive(account, fifo, given);
    const now = this.deps.clock.now();
    const queue: QueueRecord = { id: newId('q', now), account, name, fifo, attributes: { ...(fifo ? FIFO_DEFAULTS : STANDARD_DEFAULTS), ...given }, tags, createdAt: now, updatedAt: now };
    if (await insertQueue(this.deps.store.db, queue)) return queue;
    return this.sameOrRefuse((await selectQueue(this.deps.store.db, account, name))!, given);
  }

  private sameOrRefuse(existing: QueueRecord, given: Record<string, string>): QueueRecord {
    const defaults = existing.fifo ? FIFO_DEFAULTS : STANDARD_DEFAULTS;
    for (const [k, v] of Object.entries(given)) {
      if ((existing.attributes[k] ?? defaults[k] ?? '') !== v) throw new ConflictError('SQS_QUEUE_EXISTS', `A queue already exists with the same name and a different value for attribute ${k}`);
    }
    return existing;
  }

  async list(account: string, prefix = '', after = '', limit = 1000): Promise<QueueRecord[]> {
    return selectQueues(this.deps.store.db, account, prefix, after, limit);
  }

  async delete(queue: QueueRecord): Promise<void> {
    await this.deps.store.transaction((tx) => deleteQueueRows(tx, queue.id));
  }

  async setAttributes(queue: QueueRecord, input: Record<string, unknown>): Promise<QueueRecord> {
    const given = checkAttributes(input, { fifo: queue.fifo, creating: false });
    const attributes = { ...queue.attributes, ...given };
    if (attributes.RedrivePolicy === '') delete attributes.RedrivePolicy;
    await this.checkRedrive(queue.account, queue.fifo, attributes);
    await updateQueue(this.deps.store.db, queue.id, { attributes, now: this.deps.clock.now() });
    return { ...queue, attributes };
  }

  /** GetQueueAttributes: `All`, or the names asked for (stored and computed). */
  async attributes(queue: QueueRecord, names: string[]): Promise<Record<string, string>> {
    const wanted = names.includes('All') ? ALL_ATTRIBUTE_NAMES : names;
    for (const n of wanted) if (!ALL_ATTRIBUTE_NAMES.includes(n)) throw new ValidationError('SQS_INVALID_ATTRIBUTE_NAME', `Unknown Attribute ${n}.`, { details: { attribute: n } });
    const out: Record<string, string> = {};
    const computed: Record<string, string> = {
      QueueArn: this.arnOf(queue),
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.updatedAt / 1000)),
    };
    if (wanted.some((n) => n.startsWith('ApproximateNumberOfMessages'))) {
      const c = await countMessages(this.deps.store.db, queue.id, this.deps.clock.now());
      Object.assign(computed, { ApproximateNumberOfMessages: String(c.visible), ApproximateNumberOfMessagesNotVisible: String(c.inFlight), ApproximateNumberOfMessagesDelayed: String(c.delayed) });
    }
    for (const n of wanted) {
      const v = READ_ONLY.has(n) ? computed[n] : queue.attributes[n];
      if (v !== undefined) out[n] = v;
    }
    return out;
  }

  async tag(queue: QueueRecord, tags: Record<string, string>): Promise<void> {
    await updateQueue(this.deps.store.db, queue.id, { tags: { ...queue.tags, ...tags }, now: queue.updatedAt });
  }

  async untag(queue: QueueRecord, keys: string[]): Promise<void> {
    const tags = { ...queue.tags };
    for (const k of keys) delete tags[k];
    await updateQueue(this.deps.store.db, queue.id, { tags, now: queue.updatedAt });
  }

  /** Queues whose RedrivePolicy sends to `dlq` (ListDeadLetterSourceQueues). */
  async deadLetterSources(dlq: QueueRecord): Promise<QueueRecord[]> {
    const arn = this.arnOf(dlq);
    return (await this.list(dlq.account)).filter((q) => redriveOf(q.attributes)?.deadLetterTargetArn === arn);
  }
}
