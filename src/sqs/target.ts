import { PermanentError, ValidationError } from '../kernel/index.ts';
import { checkQueueName } from './names.ts';
import type { EntryFailure, QueueRecord, SendInput, SendResult } from './types.ts';

/** What the `queue` target kind gets from the bus (structural: sqs does not import events). */
export interface QueueTargetInput {
  name: string;
  bus: string;
  input: string;
  event: { id: string; 'replay-name'?: string };
  target: { Arn: string; SqsParameters?: { MessageGroupId?: string } };
}

export interface QueueTargetBus {
  registerTargetKind(kind: string, deliver: (input: QueueTargetInput) => Promise<void>, validate?: (target: QueueTargetInput['target'], name: string) => void): void;
}

export interface QueueTargetDeps {
  systemAccount: string;
  find(account: string, name: string): Promise<QueueRecord | undefined>;
  send(queue: QueueRecord, inputs: SendInput[]): Promise<Array<SendResult | EntryFailure>>;
}

const QUALIFIED = /^(\d{12})\/(.+)$/s;

/** `queue:<name>` is a queue of the rule's bus's account; an SQS ARN (read as `queue:<account>/<name>`) names its account. */
export function targetQueue(name: string, bus: string, systemAccount: string): { account: string; name: string } {
  const own = QUALIFIED.exec(name);
  if (own) return { account: own[1]!, name: own[2]! };
  const busAccount = QUALIFIED.exec(bus)?.[1] ?? systemAccount;
  return { account: busAccount, name };
}

/**
 * The `queue` target kind: the target input becomes one SQS message on the
 * queue. A FIFO queue needs `SqsParameters.MessageGroupId` (as EventBridge
 * requires) and deduplicates by event id, so a retried delivery is not sent
 * twice. A queue that does not exist dead-letters the delivery at once
 * (EventBridge does not retry a missing resource either); redrive it once the
 * queue exists.
 */
export function registerQueueTarget(bus: QueueTargetBus, deps: QueueTargetDeps): void {
  bus.registerTargetKind(
    'queue',
    async ({ name, bus: busName, input, event, target }) => {
      const ref = targetQueue(name, busName, deps.systemAccount);
      const queue = await deps.find(ref.account, ref.name);
      if (!queue) throw new PermanentError(`SQS queue ${ref.name} does not exist in account ${ref.account}`, { code: 'SQS_QUEUE_NOT_FOUND' });
      const message: SendInput = { body: input };
      if (queue.fifo) {
        const groupId = target.SqsParameters?.MessageGroupId;
        if (!groupId) throw new PermanentError(`target ${target.Arn}: a FIFO queue target needs SqsParameters.MessageGroupId`, { code: 'SQS_INVALID_PARAMETER' });
        message.groupId = groupId;
        message.deduplicationId = `${event.id}${event['replay-name'] ? `:${event['replay-name']}` : ''}`.slice(0, 128);
      }
      const [result] = await deps.send(queue, [message]);
      if (result && 'code' in result) throw new PermanentError(`SQS queue ${ref.name} refused the message: ${result.message}`, { code: result.code });
    },
    (target, name) => {
      checkQueueName(QUALIFIED.exec(name)?.[2] ?? name);
      const fifo = name.endsWith('.fifo');
      if (fifo && !target.SqsParameters?.MessageGroupId) throw new ValidationError('SQS_INVALID_PARAMETER', `Arn ${target.Arn}: a FIFO queue target needs SqsParameters.MessageGroupId`);
    },
  );
}
