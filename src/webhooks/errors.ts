import { defineCodes } from '../kernel/index.ts';
import { WEBHOOK_CODES as CORE_CODES } from './schemes/index.ts';

/**
 * Every code of the webhooks capability: the pure core's (signatures, sources,
 * signing, SSRF) plus those of the stateful parts (the route, idempotency,
 * the delivery log, subscriptions and outbound deliveries).
 */
export const WEBHOOK_CODES = defineCodes({
  ...CORE_CODES,
  WEBHOOK_SOURCE_NOT_FOUND: { status: 404, description: 'No webhook source of that name is configured (POST /webhooks/:source).' },
  WEBHOOK_IP_NOT_ALLOWED: { status: 403, description: "The client address is not in the source's allowIps list." },
  WEBHOOK_BODY_NOT_JSON: { status: 400, description: 'The source expects a JSON body and the (authentic) body is not valid JSON.' },
  WEBHOOK_IDEMPOTENCY_KEY_MISSING: { status: 400, description: 'The header or JSON field configured as the idempotency key is absent or empty.' },
  WEBHOOK_IDEMPOTENCY_KEY_INVALID: { status: 400, description: "The delivery's idempotency key (e.g. Stripe's event id) contains U+0000 or a lone surrogate, which no store keeps as text." },
  WEBHOOK_IN_PROGRESS: { status: 409, description: 'A delivery with the same idempotency key is being accepted right now; retry shortly.' },
  WEBHOOK_ENRICHMENT_FAILED: { status: 503, description: "The source's inline enrichment failed or ran out of time; the key was released, retry later." },
  WEBHOOK_MAPPING_FAILED: { status: 422, description: 'The mapper of this source could not turn the delivery into events.' },
  WEBHOOK_PUBLISH_FAILED: { status: 503, description: 'The event bus refused the events of an accepted delivery; the key was released, retry later.' },
  WEBHOOK_DELIVERY_NOT_FOUND: { status: 404, description: 'No stored inbound delivery has that id.' },
  WEBHOOK_SUBSCRIPTION_NOT_FOUND: { status: 404, description: 'No outbound subscription has that id.' },
  WEBHOOK_SUBSCRIPTION_INVALID: { status: 400, description: 'An outbound subscription is not valid (id, URL, pattern, secret or transform).' },
  WEBHOOK_SUBSCRIPTION_EXISTS: { status: 409, description: 'An outbound subscription with that id already exists.' },
  WEBHOOK_SUBSCRIPTION_MANAGED: { status: 409, description: 'The subscription comes from hashi.yaml; change it there (it is re-applied at start).' },
  WEBHOOK_SUBSCRIPTION_DISABLED: { status: 422, description: 'An outbound delivery was dropped to the DLQ because its subscription is disabled (redrive after re-enabling).' },
  WEBHOOK_ENDPOINT_GONE: { status: 422, description: 'The endpoint answered 410 Gone: the subscription was disabled and the message dead-lettered.' },
  WEBHOOK_ATTEMPT_FAILED: { status: 503, description: 'An outbound attempt failed (non-2xx, timeout or network error); it is retried on the schedule.' },
});

export type WebhookErrorCode = keyof typeof WEBHOOK_CODES;
