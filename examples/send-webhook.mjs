#!/usr/bin/env node
// Signs a MangaAssist sample payload and POSTs it to a running Hashi, the way
// the real sender would:
//
//   node examples/send-webhook.mjs stripe  [--url http://127.0.0.1:8787] [--file payload.json] [--keep-ids] [--repeat N]
//   node examples/send-webhook.mjs reviews [--abusive] [--text "…"] [--product <id>]
//   node examples/send-webhook.mjs catalog
//
// stripe:  Stripe-Signature from the `stripe` library (webhooks.generateTestHeaderString)
// reviews: X-Webhook-Signature = hex HMAC-SHA256 of "<timestamp>.<body>", X-Webhook-Timestamp
// catalog: X-Catalog-Signature = hex HMAC-SHA256 of "<timestamp>.<body>", X-Catalog-Timestamp
//
// The secrets are the demo's documented test values (examples/hashi.yaml);
// set STRIPE_WEBHOOK_SECRET, REVIEWS_WEBHOOK_SECRET or CATALOG_WEBHOOK_SECRET
// to use others. Ids in the samples are made unique per run (so a second run
// is a new delivery) unless --keep-ids is given; --repeat 2 sends the very same
// delivery twice to show de-duplication.
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEMO_SECRETS = {
  stripe: 'whsec_mangaassist_demo_stripe_secret',
  reviews: 'mangaassist-demo-reviews-secret',
  catalog: 'mangaassist-demo-catalog-secret',
};

const SAMPLES = {
  stripe: 'stripe-checkout.json',
  reviews: 'review.json',
  catalog: 'catalog-batch.json',
};

/** The sample payload of a source, read from examples/manga/payloads/. */
export function samplePayload(source, variant) {
  const file = variant === 'abusive' && source === 'reviews' ? 'review-abusive.json' : SAMPLES[source];
  if (!file) throw new Error(`unknown source ${source}: expected stripe, reviews or catalog`);
  return JSON.parse(readFileSync(new URL(`./manga/payloads/${file}`, import.meta.url), 'utf8'));
}

/** Fresh ids, so the same sample can be sent again as a new delivery. */
export function freshIds(source, payload, suffix = randomBytes(4).toString('hex')) {
  const p = structuredClone(payload);
  if (source === 'stripe') {
    p.id = `${p.id}_${suffix}`;
    const s = p.data.object;
    s.id = `${s.id}_${suffix}`;
    s.metadata.order_id = `${s.metadata.order_id}-${suffix}`;
    s.client_reference_id = s.metadata.order_id;
  } else if (source === 'reviews') {
    p.review_id = `${p.review_id}-${suffix}`;
  } else {
    p.batch_id = `${p.batch_id}-${suffix}`;
  }
  return p;
}

function hmacHex(secret, timestamp, body) {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** Headers that authenticate `body` for `source` at `timestamp` (unix seconds). */
export async function signDelivery(source, body, secret, timestamp) {
  if (source === 'stripe') {
    const { default: Stripe } = await import('stripe');
    return { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }) };
  }
  if (source === 'reviews') return { 'x-webhook-signature': hmacHex(secret, timestamp, body), 'x-webhook-timestamp': String(timestamp) };
  if (source === 'catalog') return { 'x-catalog-signature': hmacHex(secret, timestamp, body), 'x-catalog-timestamp': String(timestamp) };
  throw new Error(`unknown source ${source}`);
}

function parseArgs(argv) {
  const [source, ...rest] = argv;
  const opts = { source, url: 'http://127.0.0.1:8787', repeat: 1, keepIds: false, abusive: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--url') opts.url = rest[++i];
    else if (a === '--file') opts.file = rest[++i];
    else if (a === '--repeat') opts.repeat = Number(rest[++i]);
    else if (a === '--keep-ids') opts.keepIds = true;
    else if (a === '--abusive') opts.abusive = true;
    else if (a === '--text') opts.text = rest[++i];
    else if (a === '--product') opts.product = rest[++i];
    else throw new Error(`unknown option ${a}`);
  }
  if (!['stripe', 'reviews', 'catalog'].includes(source)) throw new Error('usage: node examples/send-webhook.mjs <stripe|reviews|catalog> [--url URL] [--file F] [--keep-ids] [--repeat N] [--abusive] [--text T] [--product ID]');
  return opts;
}

async function main(argv) {
  const opts = parseArgs(argv);
  let payload = opts.file ? JSON.parse(readFileSync(opts.file, 'utf8')) : samplePayload(opts.source, opts.abusive ? 'abusive' : undefined);
  if (!opts.keepIds) payload = freshIds(opts.source, payload);
  if (opts.text !== undefined) payload.text = opts.text;
  if (opts.product !== undefined) payload.product_id = opts.product;
  const env = { stripe: 'STRIPE_WEBHOOK_SECRET', reviews: 'REVIEWS_WEBHOOK_SECRET', catalog: 'CATALOG_WEBHOOK_SECRET' }[opts.source];
  // A standalone script (not part of src/): it reads its secret override straight from the environment.
  // eslint-disable-next-line no-restricted-syntax
  const secret = process.env[env] || DEMO_SECRETS[opts.source];
  const body = JSON.stringify(payload);
  const target = `${opts.url.replace(/\/$/, '')}/webhooks/${opts.source}`;
  for (let n = 0; n < opts.repeat; n++) {
    const headers = { 'content-type': 'application/json', ...(await signDelivery(opts.source, body, secret, Math.floor(Date.now() / 1000))) };
    const res = await fetch(target, { method: 'POST', headers, body });
    process.stdout.write(`POST ${target} → ${res.status} ${await res.text()}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
