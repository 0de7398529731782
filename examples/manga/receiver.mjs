#!/usr/bin/env node
// Stands in for the CRM, the supplier and Slack in the MangaAssist demo: listens
// on 127.0.0.1:8788 (or --port N), checks each delivery's Standard Webhooks
// signature with the demo subscription secret of its path, and prints it.
//
//   node examples/manga/receiver.mjs [--port 8788]
//
// /crm ← OrderConfirmed, /supplier ← InventoryLow, /slack ← ReviewHidden (a Slack message).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

// The subscription secrets of examples/hashi.yaml (documented test values).
const SECRETS = {
  '/crm': 'whsec_bWFuZ2Fhc3Npc3QtZGVtby1jcm0tc2VjcmV0',
  '/supplier': 'whsec_bWFuZ2Fhc3Npc3QtZGVtby1zdXBwbGllcg==',
  '/slack': 'whsec_bWFuZ2Fhc3Npc3QtZGVtby1zbGFjay1zZWM=',
};

/** Standard Webhooks: base64 HMAC-SHA256 of "<id>.<timestamp>.<body>" with the base64-decoded secret. */
function verify(secret, headers, body) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`).digest();
  return String(headers['webhook-signature'] ?? '')
    .split(' ')
    .map((s) => Buffer.from(s.replace(/^v1,/, ''), 'base64'))
    .some((sig) => sig.length === expected.length && timingSafeEqual(sig, expected));
}

function summary(path, body) {
  const msg = JSON.parse(body);
  if (path === '/slack') return `Slack: ${msg.text}`;
  const d = msg.data ?? {};
  if (msg.type === 'OrderConfirmed') return `CRM: order ${d.order_id} for ${d.customer_email ?? '?'} — ${d.amount} ${d.currency}\n${d.confirmation}`;
  if (msg.type === 'InventoryLow') return `Supplier: ${d.product_id} at ${d.stock} (threshold ${d.threshold}), reorder ${d.suggested_quantity}\n${d.restock_note}`;
  return `${msg.type}: ${JSON.stringify(d)}`;
}

const portFlag = process.argv.indexOf('--port');
const port = portFlag > 0 ? Number(process.argv[portFlag + 1]) : 8788;
createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const secret = SECRETS[req.url ?? ''];
    const ok = secret !== undefined && verify(secret, req.headers, body);
    process.stdout.write(`\n── ${req.url} ${ok ? 'signature ok' : 'SIGNATURE INVALID'} (${req.headers['webhook-id']})\n${ok ? summary(req.url, body) : body}\n`);
    res.writeHead(ok ? 200 : 401).end();
  });
}).listen(port, '127.0.0.1', () => process.stdout.write(`demo receiver on http://127.0.0.1:${port} (/crm, /supplier, /slack)\n`));
