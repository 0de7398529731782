import { ConflictError, type Clock } from '../kernel/index.ts';
import type { Logger } from '../observability/index.ts';
import type { Store } from '../store/index.ts';
import { QueueAdmin } from './queues.ts';
import { receiveMessages } from './receive.ts';
import { sendMessages } from './send.ts';
import { changeMessageVisibility, deleteMessage } from './settle.ts';
import { deleteExpired, lastPurge, purgeMessages } from './sql/housekeeping.ts';
import { registerQueueTarget, type QueueTargetBus } from './target.ts';
import type { EntryFailure, QueueRecord, ReceiveOptions, ReceivedMessage, SendInput, SendResult, SqsSettings } from './types.ts';
import { Waiters } from './waiters.ts';

export interface SqsDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** events.region and events.account: queue ARNs, and the account of hashi.yaml's queues and `queue:` targets. */
  region: string;
  systemAccount: string;
  settings?: Partial<SqsSettings>;
}

const PURGE_GUARD_MS = 60_000;

/**
 * SQS queues on the store: queues per account, messages with visibility
 * timeouts, long polling, redrive to a dead-letter queue, FIFO groups and
 * deduplication. The AWS front door speaks the SQS API over it; the bus's
 * `queue:` targets send into it.
 */
export class Sqs {
  readonly queues: QueueAdmin;
  private readonly waiters = new Waiters();
  private readonly settings: SqsSettings;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SqsDeps) {
    this.settings = { pollIntervalMs: 100, housekeepingIntervalMs: 60_000, queues: [], ...deps.settings };
    this.queues = new QueueAdmin({ store: deps.store, clock: deps.clock, region: deps.region });
  }

  get region(): string {
    return this.deps.region;
  }

  arnOf(q: Pick<QueueRecord, 'account' | 'name'>): string {
    return this.queues.arnOf(q);
  }

  send(queue: QueueRecord, inputs: SendInput[]): Promise<Array<SendResult | EntryFailure>> {
    return sendMessages({ store: this.deps.store, clock: this.deps.clock, sent: (id) => this.waiters.wake(id) }, queue, inputs);
  }

  receive(queue: QueueRecord, opts: ReceiveOptions): Promise<ReceivedMessage[]> {
    return receiveMessages({ store: this.deps.store, clock: this.deps.clock, waiters: this.waiters, pollIntervalMs: this.settings.pollIntervalMs, arnOf: (q) => this.arnOf(q) }, queue, opts);
  }

  private get settle() {
    return { store: this.deps.store, clock: this.deps.clock, visible: (id: string) => this.waiters.wake(id) };
  }

  deleteMessage(queue: QueueRecord, receiptHandle: unknown): Promise<void> {
    return deleteMessage(this.settle, queue, receiptHandle);
  }

  changeVisibility(queue: QueueRecord, receiptHandle: unknown, timeoutSeconds: unknown): Promise<void> {
    return changeMessageVisibility(this.settle, queue, receiptHandle, timeoutSeconds);
  }

  /** PurgeQueue: deletes the messages sent before now; a second purge within 60 seconds is refused, as in SQS. */
  async purge(queue: QueueRecord): Promise<number> {
    const now = this.deps.clock.now();
    const last = await lastPurge(this.deps.store.db, queue.id);
    if (last !== undefined && now - last < PURGE_GUARD_MS) throw new ConflictError('SQS_PURGE_IN_PROGRESS', `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`, { status: 403 });
    return this.deps.store.transaction((tx) => purgeMessages(tx, queue.id, now));
  }

  /** Registers the `queue` target kind (and SQS-ARN targets) with the bus. */
  attachBus(bus: QueueTargetBus): void {
    registerQueueTarget(bus, { systemAccount: this.deps.systemAccount, find: (account, name) => this.queues.find(account, name), send: (q, inputs) => this.send(q, inputs) });
  }

  /**
   * Creates the queues of hashi.yaml (sqs.queues) in the system account, or
   * brings their attributes to what the file says. Redrive policies are set
   * after every queue exists, so a queue may name a dead-letter queue listed after it.
   */
  async syncConfig(): Promise<void> {
    const account = this.deps.systemAccount;
    for (const [i, q] of this.settings.queues.entries()) {
      const { RedrivePolicy: _, ...rest } = q.Attributes ?? {};
      const existing = await this.queues.find(account, q.QueueName);
      try {
        if (!existing) await this.queues.create(account, q.QueueName, rest, q.Tags ?? {});
        else await this.queues.setAttributes(existing, Object.fromEntries(Object.entries(rest).filter(([k]) => k !== 'FifoQueue')));
      } catch (err) {
        throw Object.assign(err as Error, { message: `sqs.queues[${i}] (${q.QueueName}): ${(err as Error).message}` });
      }
    }
    for (const q of this.settings.queues) {
      const existing = (await this.queues.find(account, q.QueueName))!;
      await this.queues.setAttributes(existing, { RedrivePolicy: q.Attributes?.RedrivePolicy ?? '' });
    }
  }

  /** Deletes messages past their retention and expired FIFO bookkeeping. */
  housekeep(now = this.deps.clock.now()): Promise<{ messages: number }> {
    return deleteExpired(this.deps.store.db, now);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.housekeep().catch((err: unknown) => this.deps.logger.error({ err }, 'sqs housekeeping failed'));
    }, this.settings.housekeepingIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
