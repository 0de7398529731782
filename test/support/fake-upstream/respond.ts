import type { Exchange } from './exchange.ts';
import type { ReplyPlan } from './plan.ts';
import type { FakeBehaviour, FakeFault } from './types.ts';

export interface ErrorReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A dialect's error format: HTTP status → body and headers. */
export type ErrorFormatter = (status: number, errorType: string | undefined, message: string | undefined) => ErrorReply;

/** A dialect's stream framing. */
export interface StreamFormat {
  headers: Record<string, string>;
  open(plan: ReplyPlan): string | Uint8Array;
  delta(text: string, index: number, plan: ReplyPlan): string | Uint8Array;
  close(plan: ReplyPlan): string | Uint8Array;
  malformed(): string | Uint8Array;
  error(errorType: string | undefined, message: string | undefined): string | Uint8Array;
}

function sendError(ex: Exchange, fault: Extract<FakeFault, { type: 'status' | 'throttle' }>, formatError: ErrorFormatter): void {
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
async function preamble(ex: Exchange, behaviour: FakeBehaviour, formatError: ErrorFormatter, stream: boolean): Promise<boolean> {
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

export async function respondStream(
  ex: Exchange,
  behaviour: FakeBehaviour,
  formatError: ErrorFormatter,
  plan: ReplyPlan,
  format: StreamFormat,
): Promise<void> {
  if (await preamble(ex, behaviour, formatError, true)) return;
  const fault = behaviour.fault;
  const breakAt = fault && fault.type !== 'status' && fault.type !== 'throttle' ? (fault.afterDeltas ?? 0) : undefined;
  const gap = behaviour.tokensPerSecond ? 1000 / behaviour.tokensPerSecond : 0;
  ex.writeHead(200, format.headers);
  if (gap === 0) ex.cork();
  ex.write(format.open(plan));
  for (let i = 0; i < plan.tokens.length; i++) {
    if (breakAt === i) return midStreamFault(ex, fault!, format);
    ex.write(format.delta(plan.tokens[i]!, i, plan));
    if (gap > 0) {
      await ex.sleep(gap);
      if (ex.closed) return;
    }
  }
  if (breakAt !== undefined) return midStreamFault(ex, fault!, format);
  ex.end(format.close(plan));
  ex.uncork();
}

function midStreamFault(ex: Exchange, fault: FakeFault, format: StreamFormat): void {
  // Flush what was corked so the client really receives the first deltas before the fault.
  ex.uncork();
  switch (fault.type) {
    case 'reset':
      ex.cut();
      return;
    case 'hang':
      return;
    case 'malformed':
      ex.end(format.malformed());
      return;
    case 'stream-error':
      ex.end(format.error(fault.errorType, fault.message));
      return;
    default:
      ex.end();
  }
}
