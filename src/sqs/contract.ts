import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock, isHashiError } from '../kernel/index.ts';
import { silentLogger } from '../observability/index.ts';
import type { Store } from '../store/index.ts';
import { md5Hex } from './md5.ts';
import { sqsMigrations } from './migrations.ts';
import { Sqs } from './sqs.ts';
import type { QueueRecord, SendResult } from './types.ts';

export interface SqsBackend {
  name: string;
  open(migrations: typeof sqsMigrations): Promise<{ store: Store; cleanup: () => Promise<void> }>;
  reopen?(store: Store): Promise<Store>;
}

const ACCOUNT = '111111111111';

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (isHashiError(err)) return err.code;
    throw err;
  }
  return 'resolved';
}

/** The SQS capability's contract: every store backend must pass it unchanged. */
export function sqsContract(backend: SqsBackend): void {
  describe(`sqs contract [${backend.name}]`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let clock: FakeClock;
    let sqs: Sqs;
    const extra: Store[] = [];
    const make = (s: Store) => new Sqs({ store: s, clock, logger: silentLogger(), region: 'local', systemAccount: '000000000000', settings: { pollIntervalMs: 20 } });
    const sendOne = async (q: QueueRecord, body: string, more: object = {}) => (await sqs.send(q, [{ body, ...more }]))[0] as SendResult;

    beforeEach(async () => {
      ({ store, cleanup } = await backend.open(sqsMigrations));
      clock = new FakeClock(Date.UTC(2026, 5, 1));
      sqs = make(store);
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await cleanup();
    });

    it('creates a queue once: the same attributes return it, a different value is refused, names and FIFO flags are checked', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'orders', { VisibilityTimeout: '10' });
      expect(await sqs.queues.create(ACCOUNT, 'orders', { VisibilityTimeout: '10' })).toMatchObject({ id: q.id });
      expect(await sqs.queues.create(ACCOUNT, 'orders')).toMatchObject({ id: q.id });
      expect(await code(sqs.queues.create(ACCOUNT, 'orders', { VisibilityTimeout: '11' }))).toBe('SQS_QUEUE_EXISTS');
      expect(await code(sqs.queues.create(ACCOUNT, 'bad name'))).toBe('SQS_INVALID_PARAMETER');
      expect(await code(sqs.queues.create(ACCOUNT, 'jobs.fifo'))).toBe('SQS_INVALID_PARAMETER');
      expect(await code(sqs.queues.create(ACCOUNT, 'jobs', { FifoQueue: 'true' }))).toBe('SQS_INVALID_PARAMETER');
      expect(await code(sqs.queues.create(ACCOUNT, 'x', { VisibilityTimeout: '43201' }))).toBe('SQS_INVALID_ATTRIBUTE_VALUE');
      expect(await code(sqs.queues.create(ACCOUNT, 'x', { Colour: 'blue' }))).toBe('SQS_INVALID_ATTRIBUTE_NAME');
      // Found by the fuzz suite: names of Object's own properties read Object's, not the table (a 500).
      for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        expect(await code(sqs.queues.create(ACCOUNT, 'x', JSON.parse(`{"${name}":"1"}`) as Record<string, string>)), name).toBe('SQS_INVALID_ATTRIBUTE_NAME');
      }
      // Another account has its own namespace.
      expect((await sqs.queues.create('222222222222', 'orders')).id).not.toBe(q.id);
      expect((await sqs.queues.list(ACCOUNT)).map((x) => x.name)).toEqual(['orders']);
      expect(await sqs.queues.attributes(q, ['All'])).toMatchObject({ VisibilityTimeout: '10', DelaySeconds: '0', MessageRetentionPeriod: '345600', QueueArn: 'arn:aws:sqs:local:111111111111:orders', ApproximateNumberOfMessages: '0' });
    });

    it('sends and receives with MD5s, hides a received message for its visibility timeout, and deletes only with the latest receipt', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'work', { VisibilityTimeout: '30' });
      const sent = await sendOne(q, 'hello', { attributes: { kind: { DataType: 'String', StringValue: 'greeting' } } });
      expect(sent.md5OfBody).toBe(md5Hex('hello'));
      expect(sent.md5OfAttributes).toMatch(/^[0-9a-f]{32}$/);
      const [first] = await sqs.receive(q, { max: 10 });
      expect(first).toMatchObject({ messageId: sent.messageId, body: 'hello', receiveCount: 1, attributes: { kind: { DataType: 'String', StringValue: 'greeting' } } });
      expect(await sqs.receive(q, { max: 10 })).toEqual([]);
      expect(await sqs.queues.attributes(q, ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'])).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
      clock.tick(30_000);
      const [second] = await sqs.receive(q, { max: 10 });
      expect(second).toMatchObject({ messageId: sent.messageId, receiveCount: 2, firstReceivedAt: first!.firstReceivedAt });
      expect(second!.receiptHandle).not.toBe(first!.receiptHandle);
      await sqs.deleteMessage(q, first!.receiptHandle);
      expect((await sqs.queues.attributes(q, ['ApproximateNumberOfMessagesNotVisible'])).ApproximateNumberOfMessagesNotVisible).toBe('1');
      await sqs.deleteMessage(q, second!.receiptHandle);
      clock.tick(60_000);
      expect(await sqs.receive(q, { max: 10 })).toEqual([]);
      expect(await code(sqs.deleteMessage(q, 'not-a-handle'))).toBe('SQS_RECEIPT_INVALID');
    });

    it('keeps a delayed message out of sight until its delay passes', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'later');
      await sendOne(q, 'soon', { delaySeconds: 60 });
      expect(await sqs.receive(q, { max: 1 })).toEqual([]);
      expect(await sqs.queues.attributes(q, ['ApproximateNumberOfMessagesDelayed'])).toEqual({ ApproximateNumberOfMessagesDelayed: '1' });
      clock.tick(60_000);
      expect(await sqs.receive(q, { max: 1 })).toHaveLength(1);
    });

    it('changes visibility of an in-flight message, refuses one not in flight and a stale receipt', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'vis', { VisibilityTimeout: '30' });
      await sendOne(q, 'm');
      const [m] = await sqs.receive(q, { max: 1 });
      await sqs.changeVisibility(q, m!.receiptHandle, 120);
      clock.tick(60_000);
      expect(await sqs.receive(q, { max: 1 })).toEqual([]);
      await sqs.changeVisibility(q, m!.receiptHandle, 0);
      expect(await code(sqs.changeVisibility(q, m!.receiptHandle, 10))).toBe('SQS_MESSAGE_NOT_INFLIGHT');
      const [again] = await sqs.receive(q, { max: 1 });
      expect(await code(sqs.changeVisibility(q, m!.receiptHandle, 10))).toBe('SQS_INVALID_PARAMETER');
      expect(await code(sqs.changeVisibility(q, again!.receiptHandle, 43_201))).toBe('SQS_INVALID_PARAMETER');
    });

    it('moves a message received maxReceiveCount times to the dead-letter queue, with its source', async () => {
      const dlq = await sqs.queues.create(ACCOUNT, 'poison-dlq');
      expect(await code(sqs.queues.create(ACCOUNT, 'src', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:local:111111111111:missing', maxReceiveCount: 2 }) }))).toBe('SQS_INVALID_ATTRIBUTE_VALUE');
      const q = await sqs.queues.create(ACCOUNT, 'src', { VisibilityTimeout: '5', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: sqs.arnOf(dlq), maxReceiveCount: '2' }) });
      expect((await sqs.queues.attributes(q, ['RedrivePolicy'])).RedrivePolicy).toBe(JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:local:111111111111:poison-dlq', maxReceiveCount: 2 }));
      const sent = await sendOne(q, 'poison');
      for (let i = 1; i <= 2; i++) {
        expect(await sqs.receive(q, { max: 1 })).toMatchObject([{ receiveCount: i }]);
        clock.tick(5_000);
      }
      expect(await sqs.receive(q, { max: 1 })).toEqual([]);
      const [dead] = await sqs.receive(dlq, { max: 1 });
      expect(dead).toMatchObject({ messageId: sent.messageId, body: 'poison', receiveCount: 1, deadLetterSourceArn: 'arn:aws:sqs:local:111111111111:src' });
      expect(await sqs.queues.deadLetterSources(dlq)).toMatchObject([{ name: 'src' }]);
    });

    it('FIFO: keeps each group in order and hands it to one consumer at a time; other groups go on', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'jobs.fifo', { FifoQueue: 'true', VisibilityTimeout: '30' });
      const sent: SendResult[] = [];
      for (const [body, groupId] of [['a1', 'a'], ['a2', 'a'], ['b1', 'b'], ['a3', 'a']] as const) sent.push(await sendOne(q, body, { groupId, deduplicationId: body }));
      expect(sent.map((s) => s.sequenceNumber)).toEqual(['00000000000000000001', '00000000000000000002', '00000000000000000003', '00000000000000000004']);
      const first = await sqs.receive(q, { max: 1 });
      expect(first.map((m) => m.body)).toEqual(['a1']);
      // Group a is in flight: only b is handed out.
      expect((await sqs.receive(q, { max: 10 })).map((m) => m.body)).toEqual(['b1']);
      await sqs.deleteMessage(q, first[0]!.receiptHandle);
      expect((await sqs.receive(q, { max: 10 })).map((m) => m.body)).toEqual(['a2', 'a3']);
      expect(await sqs.send(q, [{ body: 'no group' }])).toMatchObject([{ code: 'SQS_INVALID_PARAMETER', message: 'The request must contain the parameter MessageGroupId.' }]);
    });

    it('FIFO: deduplicates by id or by content for 5 minutes, returning the first message id', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'dedup.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
      const one = await sendOne(q, 'same', { groupId: 'g' });
      const two = await sendOne(q, 'same', { groupId: 'g' });
      expect(two.messageId).toBe(one.messageId);
      const byId = await sendOne(q, 'other body', { groupId: 'g', deduplicationId: 'd1' });
      expect((await sendOne(q, 'third body', { groupId: 'g', deduplicationId: 'd1' })).messageId).toBe(byId.messageId);
      expect(await sqs.queues.attributes(q, ['ApproximateNumberOfMessages'])).toEqual({ ApproximateNumberOfMessages: '2' });
      clock.tick(5 * 60_000 + 1);
      expect((await sendOne(q, 'same', { groupId: 'g' })).messageId).not.toBe(one.messageId);
      const noDedup = await sqs.queues.create(ACCOUNT, 'plain.fifo', { FifoQueue: 'true' });
      expect(await sqs.send(noDedup, [{ body: 'x', groupId: 'g' }])).toMatchObject([{ code: 'SQS_INVALID_PARAMETER', senderFault: true }]);
    });

    it('FIFO: a retried receive with the same ReceiveRequestAttemptId gets the same messages and receipts', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'attempt.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
      await sendOne(q, 'm1', { groupId: 'g' });
      const first = await sqs.receive(q, { max: 10, attemptId: 'try-1' });
      const retry = await sqs.receive(q, { max: 10, attemptId: 'try-1' });
      expect(retry.map((m) => m.receiptHandle)).toEqual(first.map((m) => m.receiptHandle));
      expect(await sqs.receive(q, { max: 10, attemptId: 'try-2' })).toEqual([]);
    });

    it('purges once a minute, and drops messages past their retention', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'purge', { MessageRetentionPeriod: '60' });
      await sendOne(q, 'a');
      expect(await sqs.purge(q)).toBe(1);
      expect(await code(sqs.purge(q))).toBe('SQS_PURGE_IN_PROGRESS');
      clock.tick(60_000);
      await sendOne(q, 'b');
      clock.tick(60_000);
      expect(await sqs.receive(q, { max: 1 })).toEqual([]);
      expect(await sqs.housekeep()).toEqual({ messages: 1 });
      expect(await sqs.purge(q)).toBe(0);
    });

    it('refuses bodies with characters SQS does not allow, entry by entry', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'chars');
      const out = await sqs.send(q, [{ body: 'ok' }, { body: 'nul \u0000 byte' }, { body: '' }]);
      expect(out.map((r) => ('code' in r ? r.code : 'ok'))).toEqual(['ok', 'SQS_INVALID_MESSAGE', 'SQS_INVALID_PARAMETER']);
      expect(await sqs.receive(q, { max: 10 })).toHaveLength(1);
    });

    it('long polling returns as soon as a message is sent', async () => {
      const q = await sqs.queues.create(ACCOUNT, 'poll');
      const started = Date.now();
      const pending = sqs.receive(q, { max: 1, waitSeconds: 10 });
      await new Promise((r) => setTimeout(r, 50));
      await sendOne(q, 'wake');
      expect((await pending).map((m) => m.body)).toEqual(['wake']);
      expect(Date.now() - started).toBeLessThan(5_000);
      const aborted = new AbortController();
      setTimeout(() => aborted.abort(), 50);
      expect(await sqs.receive(q, { max: 1, waitSeconds: 10, signal: aborted.signal })).toEqual([]);
    });

    it('two replicas receiving at once never get the same message; FIFO groups stay with one', async () => {
      if (!backend.reopen) return;
      const other = await backend.reopen(store);
      extra.push(other);
      const sqs2 = make(other);
      const q = await sqs.queues.create(ACCOUNT, 'shared');
      await sqs.send(q, Array.from({ length: 10 }, (_, i) => ({ body: `m${i}` })));
      await sqs.send(q, Array.from({ length: 10 }, (_, i) => ({ body: `n${i}` })));
      const got = (await Promise.all([sqs.receive(q, { max: 10 }), sqs2.receive(q, { max: 10 }), sqs.receive(q, { max: 10 }), sqs2.receive(q, { max: 10 })])).flat();
      expect(new Set(got.map((m) => m.messageId)).size).toBe(got.length);
      expect(got).toHaveLength(20);
      // Two SQLite handles in one process cannot both hold a transaction (better-sqlite3 waits
      // synchronously for the lock, the event loop with it); SQLite's single writer serialises
      // FIFO receives across processes anyway. The concurrent FIFO case is for shared stores.
      if (!store.caps.shared) return;
      const f = await sqs.queues.create(ACCOUNT, 'shared.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
      for (let i = 0; i < 6; i++) await sendOne(f, `g${i}`, { groupId: 'one-group' });
      const fifoGot = (await Promise.all([sqs.receive(f, { max: 1 }), sqs2.receive(f, { max: 1 }), sqs.receive(f, { max: 1 }), sqs2.receive(f, { max: 1 })])).flat();
      expect(fifoGot.map((m) => m.body)).toEqual(['g0']);
    });
  });
}
