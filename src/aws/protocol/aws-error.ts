/**
 * An error as the AWS JSON protocols carry it: `{"__type": <exception>,
 * "message": …}` with the HTTP status the service uses. These are AWS's
 * exception names (the SDKs turn `__type` into the error's `name`), not
 * Hashi codes: the front door maps Hashi codes onto them (see the README).
 */
export class AwsError extends Error {
  constructor(
    /** The exception name, e.g. `ResourceNotFoundException`, `QueueDoesNotExist`. */
    readonly type: string,
    message: string,
    readonly status = 400,
    /** SQS only: the `x-amzn-query-error` code older (query-protocol) clients know, e.g. `AWS.SimpleQueueService.NonExistentQueue`. */
    readonly queryCode?: string,
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

export const isAwsError = (err: unknown): err is AwsError => err instanceof AwsError;
