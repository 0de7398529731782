import type { Exchange } from './exchange.ts';
import type { PlannedToolCall, ReplyPlan } from './plan.ts';
import type { FakeBehaviour, FakeFault } from './types.ts';

export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A dialect's error format: HTTP status → body and headers. */
export type ErrorFormatter = (status: number, errorType: string | undefined, message: string | undefined) => ErrorReply;

export type Chunk = string | Uint8Array;

/** One content block of a streamed answer: the text, or one tool call. */
export interface StreamBlock {
  /** The choice it belongs to (OpenAI `n`; 0 elsewhere). */
  choice: number;
  /** Its content-block index within the choice. */
  index: number;
  /** Set for a tool-call block. */
  call: PlannedToolCall | undefined;
  /** The call's position among the choice's tool calls. */
  callIndex: number;
}

/** A dialect's stream framing; a part with nothing to say returns ''. */
export interface StreamFormat {
  headers: Record<string, string>;
  open(plan: ReplyPlan): Chunk;
  blockStart(block: StreamBlock, plan: ReplyPlan): Chunk;
  /** `piece` is a text token or an argument fragment, the `at`-th of its block. */
  delta(piece: string, block: StreamBlock, at: number, plan: ReplyPlan): Chunk;
  blockStop(block: StreamBlock, plan: ReplyPlan): Chunk;
  close(plan: ReplyPlan): Chunk;
  malformed(): Chunk;
  error(errorType: string | undefined, message: string | undefined): Chunk;
}

export function sendError(ex: Exchange, fault: Extract<FakeFault, { type: 'status' | 'throttle' }>, formatError: ErrorFormatter): void {
  const status = fault.type === 'status' ? fault.status : 429;
  const reply = formatError(status, fault.type === 'status' ? fault.errorType : undefined, fault.type === 'status' ? fault.message : undefined);
  const headers: Record<string, string> = { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)) };
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.type === 'status' && fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
  ex.writeHead(reply.status, headers);
  ex.end(reply.body);
}

/**
 * Latency, then the faults that strike before any response byte. Returns
 * true when the request is fully handled (errored, reset or left hanging).
 */
export async function preamble(ex: Exchange, behaviour: FakeBehaviour, formatError: ErrorFormatter, stream: boolean): Promise<boolean> {
  await ex.sleep(behaviour.latencyMs);
  if (ex.closed) return true;
  const fault = behaviour.fault;
  if (!fault) return false;
  if (fault.type === 'status' || fault.type === 'throttle') {
    sendError(ex, fault, formatError);
    return true;
  }
  if (fault.type === 'stream-error' && !stream) {
    sendError(ex, { type: 'status', status: 500, errorType: fault.errorType, message: fault.message }, formatError);
    return true;
  }
  if (fault.type === 'reset' && fault.afterDeltas === undefined) {
    ex.reset();
    return true;
  }
  if (fault.type === 'hang' && fault.afterDeltas === undefined) return true;
  return false;
}

export async function respondJson(
  ex: Exchange,
  behaviour: FakeBehaviour,
  formatError: ErrorFormatter,
  body: () => string,
  headers: Record<string, string> = {},
): Promise<void> {
  if (await preamble(ex, behaviour, formatError, false)) return;
  const text = body();
  const fault = behaviour.fault;
  if (fault?.type === 'malformed' || fault?.type === 'truncate' || fault?.type === 'reset' || fault?.type === 'hang') {
    // Mid-body faults on a plain JSON answer: half a body, then the fault.
    ex.writeHead(200, { 'content-type': 'application/json', ...headers });
    ex.write(text.slice(0, Math.floor(text.length / 2)));
    if (fault.type === 'reset') ex.cut();
    else if (fault.type !== 'hang') ex.end();
    return;
  }
  ex.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  ex.end(text);
}
