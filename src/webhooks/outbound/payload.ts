import type { EventEnvelope } from '../types.ts';
import { toSlackMessage } from './slack.ts';

export type Transform = 'none' | 'slack';

// Loop-guard bookkeeping of the bus, not part of what happened.
const INTERNAL_KEYS = new Set(['_chain_depth', '_caused_by']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function publicDetail(detail: unknown): unknown {
  if (!isRecord(detail)) return detail;
  return Object.fromEntries(Object.entries(detail).filter(([k]) => !INTERNAL_KEYS.has(k)));
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** A summary for Slack from an event: `title`/`text`/`summary`/`fields`/`url` of the detail when present. */
function slackBody(event: EventEnvelope, detail: unknown): unknown {
  const d = isRecord(detail) ? detail : {};
  const fields = Array.isArray(d.fields)
    ? d.fields.filter(isRecord).flatMap((f) => (text(f.label) && f.value !== undefined ? [{ label: String(f.label), value: String(f.value) }] : []))
    : [];
  return toSlackMessage({
    title: text(d.title) ?? event['detail-type'],
    text: text(d.text) ?? text(d.summary) ?? JSON.stringify(detail, null, 2),
    ...(fields.length > 0 ? { fields } : {}),
    ...(text(d.url) !== undefined ? { url: text(d.url)! } : {}),
  });
}

/**
 * The exact body every attempt of a message sends. `none`: the Standard
 * Webhooks payload structure `{type, timestamp, data}` (plus the event id);
 * `slack`: a Slack incoming-webhook message.
 */
export function messageBody(event: EventEnvelope, transform: Transform): string {
  const detail = publicDetail(event.detail);
  if (transform === 'slack') return JSON.stringify(slackBody(event, detail));
  return JSON.stringify({ type: event['detail-type'], timestamp: event.time, id: event.id, source: event.source, data: detail });
}
