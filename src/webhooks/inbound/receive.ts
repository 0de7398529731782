import { AuthError, ConflictError, HashiError, NotFoundError, ValidationError, assertJsonDepth, textProblem, type Clock } from '../../kernel/index.ts';
import type { Logger, Observer } from '../../observability/index.ts';
import type { AnyTx, Store } from '../../store/index.ts';
import { maskHeaders, rejectionError, verifyDelivery } from '../schemes/index.ts';
import type { IncomingHeaders } from '../schemes/index.ts';
import type { DeliveryContext, Enricher, EventPublisher, ItemOutcome, Mapper } from '../types.ts';
import { writeAccepted, type Accepting } from './accept.ts';
import { runEnrichment } from './enrich.ts';
import { GroupAccept } from './group-accept.ts';
import { deriveIdempotencyKey } from './idempotency-key.ts';
import type { ClaimOutcome, IdempotencyStore, KeyResult } from './keys/store.ts';
import { mapEvents } from './map-events.ts';
import type { ResolvedSource } from './sources.ts';

export interface InboundRequest {
  source: string;
  headers: IncomingHeaders;
  /** The exact bytes received. */
  body: Buffer;
  /** Client address as the edge sees it (request.ip, which honours server.trustProxy). */
  ip: string;
  signal?: AbortSignal;
}

export interface InboundAnswer {
  status: 'accepted' | 'already_processed';
  deliveryId: string;
  eventIds: string[];
  /** Itemized deliveries only: how many items were rejected or refused by the bus, and every item's outcome. */
  failedItemCount?: number;
  items?: ItemOutcome[];
}

function answer(status: InboundAnswer['status'], result: KeyResult): InboundAnswer {
  if (!result.items) return { status, deliveryId: result.deliveryId, eventIds: result.eventIds };
  const failedItemCount = result.items.filter((i) => i.status !== 'published').length;
  return { status, deliveryId: result.deliveryId, eventIds: result.eventIds, failedItemCount, items: result.items };
}

export interface ReceiverDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  observer?: Observer;
  publisher: EventPublisher;
  sources: ReadonlyMap<string, ResolvedSource>;
  keys: IdempotencyStore;
  mappers: ReadonlyMap<string, Mapper>;
  enrichers: ReadonlyMap<string, Enricher>;
}

/**
 * The inbound engine behind `POST /webhooks/:source`: find the source, check
 * the client address, verify the signature over the raw bytes, parse, then
 * accept once per idempotency key, durably: the events (with their delivery
 * jobs), the raw delivery and the completed key commit together.
 *
 * Without enrichment the claim is part of that one transaction (a duplicate
 * waits for it and answers already_processed). With enrichment, which runs
 * outside any transaction, the key is claimed first (a duplicate meanwhile
 * gets 409), and released if anything fails so the sender's retry is accepted.
 */
export class InboundReceiver {
  /**
   * Runs one accept's transaction: on a single-writer store a share of a group commit; with
   * concurrent writers its own (a batch would hold every key it claimed until its commit, and two
   * batches claiming the same keys in other orders could deadlock).
   */
  private readonly inTransaction: <T>(key: string, work: (tx: AnyTx) => Promise<T>) => Promise<T>;

  constructor(private readonly deps: ReceiverDeps) {
    if (deps.store.caps.singleWriter) {
      const group = new GroupAccept(deps.store);
      this.inTransaction = (key, work) => group.run(key, work);
    } else {
      this.inTransaction = (_key, work) => deps.store.transaction(work);
    }
  }

  async receive(req: InboundRequest): Promise<InboundAnswer> {
    const source = this.deps.sources.get(req.source);
    if (!source) throw new NotFoundError('WEBHOOK_SOURCE_NOT_FOUND', `no webhook source named ${JSON.stringify(req.source)} is configured`);
    if (source.allow && !source.allow.has(req.ip)) {
      this.rejected(source, req, 'ip_not_allowed');
      throw new AuthError('WEBHOOK_IP_NOT_ALLOWED', `client address ${req.ip} is not allowed to deliver to source ${source.name}`, { status: 403 });
    }
    const verified = verifyDelivery(source.def, req.headers, req.body, Math.floor(this.deps.clock.now() / 1000));
    if (!verified.valid) {
      this.rejected(source, req, verified.reason);
      throw rejectionError(verified);
    }
    const ctx: DeliveryContext = { source: source.name, payload: parseBody(source, req.body), rawBody: req.body, headers: req.headers, verified };
    const derived = deriveIdempotencyKey({ scheme: source.def.scheme, spec: source.keySpec, headers: req.headers, payload: ctx.payload, rawBody: req.body, verified });
    if (!derived.ok) throw new ValidationError('WEBHOOK_IDEMPOTENCY_KEY_MISSING', `${derived.message} (source ${source.name})`);
    // The key is stored as text: one no store can keep would fail the same way on every retry.
    const keyProblem = textProblem(derived.key);
    if (keyProblem !== undefined) {
      throw new ValidationError('WEBHOOK_IDEMPOTENCY_KEY_INVALID', `the delivery's idempotency key (from ${derived.from}) ${keyProblem}; it cannot be recorded (source ${source.name})`);
    }
    const accepting: Accepting = { source, ip: req.ip, headers: req.headers, rawBody: req.body, verified, key: derived.key, keyFrom: derived.from, now: this.deps.clock.now() };
    const enricher = this.deps.enrichers.get(source.name);
    const outcome = enricher ? await this.acceptInTwoSteps(accepting, ctx, enricher, req.signal) : await this.acceptAtOnce(accepting, ctx);
    if (outcome.status === 'in_progress') {
      throw new ConflictError('WEBHOOK_IN_PROGRESS', `a delivery with the same idempotency key is being accepted right now (source ${source.name}); retry shortly`, {
        retryAfterSeconds: Math.max(1, Math.ceil(outcome.retryAfterMs / 1000)),
      });
    }
    if (outcome.status === 'completed') {
      this.deps.observer?.emit('webhook:duplicate', { source: source.name, deliveryId: outcome.result.deliveryId });
      return answer('already_processed', outcome.result);
    }
    this.deps.observer?.emit('webhook:accepted', { source: source.name, deliveryId: outcome.result.deliveryId, events: outcome.result.eventIds.length });
    return answer('accepted', outcome.result);
  }

  /** Claim, publish, keep, complete: one transaction, one commit (shared with concurrent accepts on a single-writer store). */
  private async acceptAtOnce(a: Accepting, ctx: DeliveryContext): Promise<Exclude<ClaimOutcome, { status: 'claimed' }> | { status: 'accepted'; result: KeyResult }> {
    // A sender's retries are the common duplicate: answer them without a write transaction.
    const seen = await this.deps.keys.peek(a.source.name, a.key);
    if (seen) return { status: 'completed', result: seen };
    const entries = await mapEvents(a.source, ctx, this.deps.mappers.get(a.source.name), undefined);
    return this.inTransaction(JSON.stringify([a.source.name, a.key]), async (tx) => {
      const claim = await this.deps.keys.claim(a.source.name, a.key, tx);
      if (claim.status !== 'claimed') return claim;
      return { status: 'accepted' as const, result: await writeAccepted(tx, this.writeDeps(), a, claim.token, entries, false) };
    });
  }

  /** Claim (committed), enrich within the budget, then publish, keep, complete; release the key on any failure. */
  private async acceptInTwoSteps(a: Accepting, ctx: DeliveryContext, enricher: Enricher, signal: AbortSignal | undefined): Promise<Exclude<ClaimOutcome, { status: 'claimed' }> | { status: 'accepted'; result: KeyResult }> {
    const claim = await this.deps.keys.claim(a.source.name, a.key);
    if (claim.status !== 'claimed') return claim;
    try {
      const enrichment = await this.enrich(a.source, ctx, enricher, signal);
      const entries = await mapEvents(a.source, ctx, this.deps.mappers.get(a.source.name), enrichment);
      const result = await this.deps.store.transaction((tx) => writeAccepted(tx, this.writeDeps(), { ...a, now: this.deps.clock.now() }, claim.token, entries, enrichment !== undefined));
      return { status: 'accepted', result };
    } catch (err) {
      await this.deps.keys.release(a.source.name, a.key, claim.token).catch((releaseErr: unknown) => {
        // The claim then lapses after its lease; the sender's retry succeeds a little later.
        this.deps.logger.error({ err: releaseErr, source: a.source.name }, 'could not release webhook idempotency key');
      });
      throw err;
    }
  }

  private writeDeps() {
    return { publisher: this.deps.publisher, keys: this.deps.keys };
  }

  private async enrich(source: ResolvedSource, ctx: DeliveryContext, enricher: Enricher, signal: AbortSignal | undefined): Promise<Record<string, unknown> | undefined> {
    const outcome = await runEnrichment(enricher, ctx, source.enrichment.budgetMs, signal);
    if (outcome.ok) return outcome.value;
    this.deps.logger.warn({ source: source.name, reason: outcome.reason, message: outcome.message, onFailure: source.enrichment.onFailure }, 'webhook enrichment failed');
    if (source.enrichment.onFailure === 'proceed') return undefined;
    throw new HashiError('WEBHOOK_ENRICHMENT_FAILED', `enrichment of this delivery ${outcome.reason === 'timeout' ? 'ran out of time' : 'failed'}; retry later`, {
      status: 503,
      retryAfterSeconds: 30,
    });
  }

  private rejected(source: ResolvedSource, req: InboundRequest, reason: string): void {
    this.deps.observer?.emit('webhook:rejected', { source: source.name, reason, ip: req.ip });
    this.deps.logger.warn({ source: source.name, reason, ip: req.ip, headers: maskHeaders(req.headers, source.def) }, 'webhook rejected');
  }
}

function parseBody(source: ResolvedSource, body: Buffer): unknown {
  if (!source.json) return body.toString('utf8');
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    // V8's message quotes the body; say less.
    throw new ValidationError('WEBHOOK_BODY_NOT_JSON', `source ${source.name} expects a JSON body and this one is not valid JSON`);
  }
  // Before mapping, matching and hashing walk it (an authentic but hostile sender, or a bug).
  assertJsonDepth(payload, `the body of this delivery (source ${source.name})`);
  return payload;
}
