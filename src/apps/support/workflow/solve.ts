import { PermanentError, RetryableError, type Clock } from '../../../kernel/index.ts';
import type { Logger } from '../../../observability/index.ts';
import type { Job, JobHandler } from '../../../queue/index.ts';
import type { Store } from '../../../store/index.ts';
import { ticketFailed, ticketSolved } from '../events.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import { publishOne } from '../publish.ts';
import type { SupportSettings } from '../settings.ts';
import type { GenerationsTable, TicketsTable } from '../tables.ts';
import type { TicketRepository } from '../tickets/repository.ts';
import type { Citation, FmDone, Solution, SolutionModel, SupportBus, TicketRequest } from '../types.ts';
import { classify, toJobError } from './classify.ts';
import { groundSolution } from './grounding.ts';
import type { LiveSolutions } from './live.ts';
import { solutionRequest } from './prompt.ts';
import { retrievePassages } from './retrieve.ts';

export const SOLVE_JOB = 'support.solve';

export interface SolvePayload {
  ticketId: string;
}

export interface SolveDeps {
  store: Store;
  bus: SupportBus;
  clock: Clock;
  repo: TicketRepository;
  kb: KnowledgeBase;
  fm: SolutionModel;
  live: LiveSolutions;
  settings: SupportSettings;
  logger: Logger;
}

/**
 * The `support.solve` job: retrieve → generate → store → READY + TicketSolved.
 * Each step is safe to run again: a ticket that left PROCESSING is done; a
 * stored generation is reused, never regenerated (or billed) by a retry;
 * READY and its event commit together, once. The last failed attempt (or a
 * permanent failure) sets FAILED with the reason and publishes TicketFailed;
 * the job then lands in the DLQ with its context.
 */
export function solveHandler(deps: SolveDeps): JobHandler<SolvePayload> {
  return async (job, ctx) => {
    const ticket = await deps.repo.get(job.payload.ticketId);
    if (!ticket) throw new PermanentError(`ticket ${job.payload.ticketId} no longer exists`, { code: 'TICKET_NOT_FOUND' });
    if (ticket.status !== 'PROCESSING') return;
    try {
      const generation = (await deps.repo.getGeneration(ticket.id)) ?? (await generate(deps, ticket, ctx.signal));
      await finishReady(deps, ticket, generation, job.attempt);
    } catch (err) {
      await recordFailure(deps, ticket, job, err, ctx.signal);
    }
  };
}

async function generate(deps: SolveDeps, ticket: TicketsTable, signal: AbortSignal): Promise<GenerationsTable> {
  const { settings, clock } = deps;
  const request = JSON.parse(ticket.request) as TicketRequest;
  const passages = await retrievePassages(deps.kb, request, settings.workflow.passages, settings.workflow.passageChars);
  let text = '';
  let done: FmDone;
  if (passages.length === 0 && request.policies.grounded_only) {
    // Nothing to ground an answer on: saying so needs no model (and costs nothing).
    done = { type: 'done', usage: { inputTokens: 0, outputTokens: 0 }, model: 'none', providerModel: 'none', costUsd: 0 };
  } else {
    const feed = deps.live.open(ticket.id);
    const stream = await deps.fm.stream(solutionRequest(request, passages, settings.workflow), {
      tenant: ticket.tenant,
      keyId: ticket.key_id,
      deadline: clock.now() + settings.workflow.timeoutMs,
      signal,
    });
    let last: FmDone | undefined;
    for await (const event of stream) {
      if (event.type === 'delta') {
        text += event.text;
        feed.push(event.text);
      } else last = event;
    }
    if (!last) throw new RetryableError('the FM stream ended without its final event', { code: 'SUPPORT_FM_INCOMPLETE' });
    done = last;
  }
  const solution = groundSolution(text, passages, { groundedOnly: request.policies.grounded_only, lang: request.lang });
  return deps.repo.saveGeneration({
    ticket_id: ticket.id,
    text: solution.text,
    passages: JSON.stringify(passages.map((p) => ({ id: p.id, title: p.title, score: p.score }))),
    citations: JSON.stringify(solution.citations),
    grounded: solution.grounded ? 1 : 0,
    model: done.model,
    provider_model: done.providerModel,
    input_tokens: done.usage.inputTokens,
    output_tokens: done.usage.outputTokens,
    cost_usd: done.costUsd,
    created_at: clock.now(),
  });
}

async function finishReady(deps: SolveDeps, ticket: TicketsTable, generation: GenerationsTable, attempts: number): Promise<void> {
  const citations = JSON.parse(generation.citations) as Citation[];
  const solution: Solution = { text: generation.text, citations, grounded: generation.grounded === 1, generated_at: new Date(generation.created_at).toISOString() };
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    if (await deps.repo.markReady(tx, ticket.id, solution, attempts, now)) {
      await publishOne(deps.bus, tx, ticketSolved(ticket, { grounded: solution.grounded, citations: citations.map((c) => c.id) }, now));
    }
  });
  deps.live.end(ticket.id, { type: 'done', solution, usage: { inputTokens: generation.input_tokens, outputTokens: generation.output_tokens } });
}

/** Always throws: the classified error steers the queue (retry with backoff, or the DLQ). */
async function recordFailure(deps: SolveDeps, ticket: TicketsTable, job: Job<SolvePayload>, err: unknown, signal: AbortSignal): Promise<never> {
  // Our own shutdown aborted the call: not the ticket's fault, and the job runs again after its lease.
  const interrupted = signal.aborted;
  const verdict = interrupted ? { retry: true, code: 'SUPPORT_INTERRUPTED', message: 'the worker stopped during the attempt' } : classify(err);
  const final = !interrupted && (!verdict.retry || job.attempt >= job.maxAttempts);
  // Public reasons name the error code only: messages may carry provider or model details.
  const reason = !final
    ? `attempt ${job.attempt} of ${job.maxAttempts} failed (${verdict.code}); retrying`
    : verdict.retry
      ? `the solution could not be generated after ${job.attempt} attempts (${verdict.code})`
      : `the solution request was refused (${verdict.code})`;
  const detail = `${verdict.code}: ${verdict.message}`;
  deps.live.end(ticket.id, { type: 'error', reason, retrying: !final });
  const now = deps.clock.now();
  if (final) {
    await deps.store.transaction(async (tx) => {
      if (await deps.repo.markFailed(tx, ticket.id, reason, detail, job.attempt, now)) await publishOne(deps.bus, tx, ticketFailed(ticket, reason, now));
    });
  } else {
    await deps.repo.recordAttempt(ticket.id, job.attempt, detail, now).catch((e: unknown) => deps.logger.warn({ err: e, ticketId: ticket.id }, 'could not record the failed attempt'));
  }
  // Final or not, the queue decides from the error type: retry, or the DLQ (permanent / exhausted) with every attempt's error.
  throw toJobError(err, verdict);
}
