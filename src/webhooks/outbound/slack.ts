/**
 * Turns an AI summary into a Slack incoming-webhook payload: a plain `text`
 * fallback (notifications, screen readers) plus Block Kit `blocks` — a header,
 * the text as mrkdwn sections, optional fields, and a context line with the link.
 *
 * Every piece of the summary is escaped (`&`, `<`, `>` — Slack's control
 * characters), so model output can neither ping `<!channel>` nor forge links,
 * and every piece is cut to Slack's limits, never inside an escape or a
 * surrogate pair.
 */

export interface SlackSummary {
  title: string;
  text: string;
  fields?: ReadonlyArray<{ label: string; value: string }>;
  /** A link to the full item; only http(s) URLs are used, others are dropped. */
  url?: string;
}

export interface SlackTextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

export type SlackBlock =
  | { type: 'header'; text: SlackTextObject }
  | { type: 'section'; text: SlackTextObject }
  | { type: 'section'; fields: SlackTextObject[] }
  | { type: 'context'; elements: SlackTextObject[] };

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Block Kit limits (api.slack.com/reference/block-kit/blocks) and the advised size of `text`. */
export const SLACK_LIMITS = Object.freeze({
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fieldsPerSection: 10,
  // Slack also refuses messages whose blocks are too long in total (about 13k characters), so cap the body well below.
  textSections: 4,
  fallbackText: 4000,
  url: 3000,
});

const ELLIPSIS = '…';

/** Slack's three control characters as the HTML entities it expects; nothing else is encoded. */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A safe place to cut `escaped` at or before `at`: not inside `&amp;` & co. nor a surrogate pair. */
function safeCut(escaped: string, at: number): number {
  let cut = Math.min(at, escaped.length);
  const amp = escaped.lastIndexOf('&', cut - 1);
  if (amp >= 0 && amp > cut - 5 && escaped.indexOf(';', amp) >= cut) cut = amp;
  const code = escaped.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

/** Escapes `raw` and cuts it to `limit` characters, ending in `…` when cut. */
export function fitSlackText(raw: string, limit: number): string {
  const escaped = escapeSlackText(raw);
  if (escaped.length <= limit) return escaped;
  return escaped.slice(0, safeCut(escaped, limit - ELLIPSIS.length)) + ELLIPSIS;
}

/** Splits escaped text into pieces of at most `limit`, preferring paragraph, line and word breaks. */
function chunks(escaped: string, limit: number, maxChunks: number): string[] {
  const out: string[] = [];
  let rest = escaped;
  while (rest.length > limit && out.length < maxChunks - 1) {
    const window = rest.slice(0, limit + 1);
    const floor = Math.floor(limit / 2);
    let cut = [window.lastIndexOf('\n\n'), window.lastIndexOf('\n'), window.lastIndexOf(' ')].find((i) => i >= floor) ?? -1;
    cut = cut >= floor ? cut : safeCut(rest, limit);
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > limit) rest = rest.slice(0, safeCut(rest, limit - ELLIPSIS.length)) + ELLIPSIS;
  if (rest !== '') out.push(rest);
  return out;
}

function linkFor(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // `|` would end the URL part of Slack's <url|label> syntax early.
  const href = escapeSlackText(parsed.href.replace(/\|/g, '%7C'));
  return href.length <= SLACK_LIMITS.url ? `<${href}|View details>` : undefined;
}

function fieldBlocks(fields: SlackSummary['fields']): SlackBlock[] {
  if (fields === undefined || fields.length === 0) return [];
  const shown = fields.slice(0, SLACK_LIMITS.fieldsPerSection).map(({ label, value }) => {
    const title = `*${fitSlackText(label, 100)}*\n`;
    return { type: 'mrkdwn' as const, text: title + fitSlackText(value, SLACK_LIMITS.fieldText - title.length) };
  });
  return [{ type: 'section', fields: shown }];
}

/** The incoming-webhook payload for one summary; POST it as JSON to the Slack webhook URL. */
export function toSlackMessage(summary: SlackSummary): SlackMessage {
  const blocks: SlackBlock[] = [];
  // Slack refuses empty text objects, so an empty title or text simply has no block.
  if (summary.title.trim() !== '') {
    blocks.push({ type: 'header', text: { type: 'plain_text', text: fitSlackText(summary.title, SLACK_LIMITS.headerText), emoji: true } });
  }
  for (const piece of chunks(escapeSlackText(summary.text.trim()), SLACK_LIMITS.sectionText, SLACK_LIMITS.textSections)) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
  }
  blocks.push(...fieldBlocks(summary.fields));
  const context: SlackTextObject[] = [];
  const omitted = (summary.fields?.length ?? 0) - SLACK_LIMITS.fieldsPerSection;
  if (omitted > 0) context.push({ type: 'mrkdwn', text: `${omitted} more field${omitted === 1 ? '' : 's'} not shown` });
  const link = linkFor(summary.url);
  if (link !== undefined) context.push({ type: 'mrkdwn', text: link });
  if (context.length > 0) blocks.push({ type: 'context', elements: context });
  const fallback = [summary.title.trim(), summary.text.trim()].filter((t) => t !== '').join('\n');
  return { text: fitSlackText(fallback, SLACK_LIMITS.fallbackText), blocks };
}
