import { createHmac } from 'node:crypto';
import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';

/*
 * Signed deliveries, made by the providers' own libraries where one exists
 * (stripe, standardwebhooks, svix, @octokit/webhooks-methods). Shopify and
 * Slack publish no npm signer: their headers follow shopify.dev ("Verify
 * webhooks": base64 HMAC-SHA256 of the raw body with the client secret) and
 * api.slack.com ("Verifying requests from Slack": v0= hex HMAC-SHA256 of
 * `v0:{timestamp}:{body}`).
 */

export function stripeHeaders(body: string, secret: string, timestamp: number): Record<string, string> {
  return { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }) };
}

export function standardHeaders(id: string, timestamp: number, body: string, secret: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': new StandardWebhook(secret).sign(id, new Date(timestamp * 1000), body),
  };
}

export function svixHeaders(id: string, timestamp: number, body: string, secret: string): Record<string, string> {
  return { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(timestamp), 'svix-signature': new SvixWebhook(secret).sign(id, new Date(timestamp * 1000), body) };
}

export async function githubHeaders(body: string, secret: string, delivery: string, event = 'push'): Promise<Record<string, string>> {
  return { 'content-type': 'application/json', 'x-hub-signature-256': await githubSign(secret, body), 'x-github-delivery': delivery, 'x-github-event': event };
}

export function shopifyHeaders(body: string, secret: string, webhookId: string, topic = 'orders/create'): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
    'x-shopify-webhook-id': webhookId,
    'x-shopify-topic': topic,
  };
}

export function slackHeaders(body: string, secret: string, timestamp: number, contentType = 'application/json'): Record<string, string> {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

export function hmacHeaders(body: string, secret: string, timestamp: number): Record<string, string> {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-catalog-signature': `sha256=${digest}`, 'x-catalog-timestamp': String(timestamp) };
}
