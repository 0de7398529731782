/** How the FM gateway hands events to the bus (EventBridge-style detail type + detail). */
export type Publish = (detailType: string, detail: Record<string, unknown>) => void | Promise<void>;

/**
 * Publishes without ever throwing into the call path: a synchronous throw or
 * a rejected promise goes to `onError` instead.
 */
export function safePublish(publish: Publish, onError: (err: unknown) => void = () => undefined): Publish {
  return (detailType, detail) => {
    try {
      const pending = publish(detailType, detail);
      if (pending && typeof (pending as Promise<void>).then === 'function') {
        (pending as Promise<void>).catch(onError);
      }
    } catch (err) {
      onError(err);
    }
  };
}
