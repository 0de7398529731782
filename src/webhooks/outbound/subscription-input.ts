import { ValidationError } from '../../kernel/index.ts';
import { decodeStandardSecret } from '../schemes/index.ts';
import type { Transform } from './payload.ts';

/** What the admin API and hashi.yaml give for a subscription. */
export interface SubscriptionInput {
  id?: string;
  url: string;
  /** An EventBridge event pattern; the bus validates it in detail when the rule is put. */
  pattern: Record<string, unknown>;
  /** `whsec_<base64>` of 24–64 bytes; generated when absent. */
  secret?: string;
  enabled?: boolean;
  transform?: Transform;
  description?: string;
  /** EventBusName of the rule; default the default bus. */
  bus?: string;
}

export const SUBSCRIPTION_ID = /^[A-Za-z0-9_.-]{1,48}$/;
const TRANSFORMS = new Set(['none', 'slack']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every problem of a (partial, for updates) subscription input; messages never contain the secret. */
export function subscriptionProblems(input: Partial<SubscriptionInput>, partial = false): string[] {
  const problems: string[] = [];
  if (input.id !== undefined && !SUBSCRIPTION_ID.test(input.id)) problems.push('id must be 1-48 of letters, digits, ".", "-" or "_"');
  if (input.url !== undefined || !partial) {
    let url: URL | undefined;
    try {
      url = new URL(String(input.url));
    } catch {
      problems.push('url must be an absolute http(s) URL');
    }
    if (url && url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('url must be an absolute http(s) URL');
  }
  if (input.pattern !== undefined || !partial) {
    if (!isRecord(input.pattern) || Object.keys(input.pattern).length === 0) problems.push('pattern must be a non-empty EventBridge event pattern object');
  }
  if (input.secret !== undefined) {
    const key = decodeStandardSecret(input.secret);
    if (key === undefined || key.length < 24 || key.length > 64) problems.push('secret must be whsec_ followed by 24-64 bytes of base64');
  }
  if (input.transform !== undefined && !TRANSFORMS.has(input.transform)) problems.push('transform must be "none" or "slack"');
  return problems;
}

export function assertSubscriptionInput(input: Partial<SubscriptionInput>, partial = false): void {
  const problems = subscriptionProblems(input, partial);
  if (problems.length > 0) {
    throw new ValidationError('WEBHOOK_SUBSCRIPTION_INVALID', `invalid subscription: ${problems.join('; ')}`, { details: { problems } });
  }
}
