import type { FmUsage, Solution } from '../types.ts';

export type LiveEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; solution: Solution; usage: FmUsage }
  | { type: 'error'; reason: string; retrying: boolean };

/** One generation in progress: the text so far, and who is watching. */
export class LiveFeed {
  private streamed = '';
  private readonly listeners = new Set<(event: LiveEvent) => void>();

  get text(): string {
    return this.streamed;
  }

  push(text: string): void {
    this.streamed += text;
    this.emit({ type: 'delta', text });
  }

  /** Every event from now on (read `text` first for what came before); returns the unsubscribe. */
  subscribe(listener: (event: LiveEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  end(event: Exclude<LiveEvent, { type: 'delta' }>): void {
    this.emit(event);
    this.listeners.clear();
  }

  private emit(event: LiveEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/**
 * Generations running in this process, by ticket, so the SSE route can
 * stream a solution while it is generated. A generation running in another
 * process is not visible here: the route answers 409 until it is READY and
 * can be replayed from the store.
 */
export class LiveSolutions {
  private readonly feeds = new Map<string, LiveFeed>();

  open(ticketId: string): LiveFeed {
    const feed = new LiveFeed();
    this.feeds.set(ticketId, feed);
    return feed;
  }

  get(ticketId: string): LiveFeed | undefined {
    return this.feeds.get(ticketId);
  }

  /** Ends the ticket's feed (if any) with its final event and forgets it. */
  end(ticketId: string, event: Exclude<LiveEvent, { type: 'delta' }>): void {
    const feed = this.feeds.get(ticketId);
    if (!feed) return;
    this.feeds.delete(ticketId);
    feed.end(event);
  }

  get size(): number {
    return this.feeds.size;
  }
}
