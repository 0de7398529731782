import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import type { Received } from './receiver.ts';

/**
 * Verifies a received delivery with the `standardwebhooks` (or `svix`)
 * library, as of `atMs`: the libraries check the timestamp against Date.now(),
 * so it is pinned for the duration of the (synchronous) call.
 */
export function verifyReceived(received: Received, secret: string, atMs: number, library: 'standardwebhooks' | 'svix' = 'standardwebhooks'): unknown {
  const headers = Object.fromEntries(Object.entries(received.headers).map(([k, v]) => [k, String(v)]));
  const realNow = Date.now;
  Date.now = () => atMs;
  try {
    return library === 'svix' ? new SvixWebhook(secret).verify(received.body, headers) : new StandardWebhook(secret).verify(received.body, headers);
  } finally {
    Date.now = realNow;
  }
}
