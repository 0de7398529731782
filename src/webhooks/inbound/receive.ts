import { AuthError, ConflictError, HashiError, NotFoundError, ValidationError, newId, type Clock } from '../../kernel/index.ts';
import type { Logger, Observer } from '../../observability/index.ts';
import type { Store } from '../../store/index.ts';
import { maskHeaders, rejectionError, verifyDelivery } from '../schemes/index.ts';
import type { IncomingHeaders, VerifiedDelivery } from '../schemes/index.ts';
import type { DeliveryContext, Enricher, EventPublisher, Mapper, PutEventsEntry } from '../types.ts';
import { insertDelivery } from './deliveries.ts';
import { runEnrichment } from './enrich.ts';
import { deriveIdempotencyKey } from './idempotency-key.ts';
import type { IdempotencyStore, KeyResult } from './keys/store.ts';
import { mapEvents } from './map-events.ts';
import { publishOrThrow } from './publish.ts';
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

export type InboundAnswer = { status: 'accepted' | 'already_processed'; deliveryId: string; eventIds: string[] };

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
 * the client address, verify the signature over the raw bytes, parse, claim
 * the idempotency key, then in ONE transaction publish the events (with their
 * delivery jobs), keep the delivery and complete the key. Any failure after
 * the claim releases the key so the sender's retry is accepted.
 */
export class InboundReceiver {
  constructor(private readonly deps: ReceiverDeps) {}

  async receive(req: InboundRequest): Promise<InboundAnswer> {
    const source = this.deps.sources.get(req.source);
    if (!source) throw new NotFoundError('WEBHOOK_SOURCE_NOT_FOUND', `no webhook source named ${JSON.stringify(req.source)} is configured`);
    if (source.allow && !source.allow.allows(req.ip)) {
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
    const claim = await this.deps.keys.claim(source.name, derived.key);
    if (claim.status === 'completed') {
      this.deps.observer?.emit('webhook:duplicate', { source: source.name, deliveryId: claim.result.deliveryId });
      return { status: 'already_processed', ...claim.result };
    }
    if (claim.status === 'in_progress') {
      throw new ConflictError('WEBHOOK_IN_PROGRESS', `a delivery with the same idempotency key is being accepted right now (source ${source.name}); retry shortly`, {
        retryAfterSeconds: Math.max(1, Math.ceil(claim.retryAfterMs / 1000)),
      });
    }
    try {
      const result = await this.accept(source, req, ctx, derived.key, claim.token, { keyFrom: derived.from });
      this.deps.observer?.emit('webhook:accepted', { source: source.name, deliveryId: result.deliveryId, events: result.eventIds.length });
      return { status: 'accepted', ...result };
    } catch (err) {
      await this.deps.keys.release(source.name, derived.key, claim.token).catch((releaseErr: unknown) => {
        // The claim then lapses after its lease; the sender's retry succeeds a little later.
        this.deps.logger.error({ err: releaseErr, source: source.name }, 'could not release webhook idempotency key');
      });
      throw err;
    }
  }

  private async accept(source: ResolvedSource, req: InboundRequest, ctx: DeliveryContext, key: string, token: string, extra: Record<string, unknown>): Promise<KeyResult> {
    const enrichment = await this.enrich(source, ctx, req.signal);
    const entries: PutEventsEntry[] = await mapEvents(source, ctx, this.deps.mappers.get(source.name), enrichment);
    const now = this.deps.clock.now();
    const deliveryId = newId('whd', now);
    return this.deps.store.transaction(async (tx) => {
      const eventIds = await publishOrThrow(this.deps.publisher, entries, { tx });
      await insertDelivery(tx, {
        id: deliveryId,
        source: source.name,
        idempotencyKey: key,
        receivedAt: now,
        ip: req.ip,
        headers: maskHeaders(req.headers, source.def),
        rawBody: req.body,
        verdict: verdictOf(source, ctx.verified, extra, enrichment),
        events: entries,
        eventIds,
      });
      const result = { deliveryId, eventIds };
      if (!(await this.deps.keys.complete(tx, source.name, key, token, result))) {
        throw new ConflictError('WEBHOOK_IN_PROGRESS', `the claim on this delivery's idempotency key lapsed before it was accepted (source ${source.name}); retry`);
      }
      return result;
    });
  }

  private async enrich(source: ResolvedSource, ctx: DeliveryContext, signal: AbortSignal | undefined): Promise<Record<string, unknown> | undefined> {
    const enricher = this.deps.enrichers.get(source.name);
    if (!enricher) return undefined;
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
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    // V8's message quotes the body; say less.
    throw new ValidationError('WEBHOOK_BODY_NOT_JSON', `source ${source.name} expects a JSON body and this one is not valid JSON`);
  }
}

function verdictOf(source: ResolvedSource, v: VerifiedDelivery, extra: Record<string, unknown>, enrichment: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    valid: true,
    scheme: source.def.scheme,
    ...(v.timestamp !== undefined ? { timestamp: v.timestamp } : {}),
    ...(v.id !== undefined ? { id: v.id } : {}),
    ...extra,
    enriched: enrichment !== undefined,
  };
}
