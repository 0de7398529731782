export const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Verdict {
  safe: boolean;
  severity: Severity;
  categories: string[];
  reason: string;
}

/** What a review gets when no usable verdict came back: held for a person, never silently safe. */
export const NEEDS_HUMAN_REVIEW: Verdict = Object.freeze({
  safe: false,
  severity: 'medium',
  categories: ['needs_human_review'],
  reason: 'The moderation model did not return a usable verdict; a person must review this.',
}) as Verdict;

/** The first balanced `{…}` in the text (models wrap JSON in prose or ``` fences). */
function firstObject(text: string): string | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  return undefined;
}

/**
 * Parses the model's `{safe, severity, categories[], reason}`. Undefined when
 * it is not there or not well-formed (the caller retries, then holds the
 * review). A verdict that contradicts itself is read conservatively: medium or
 * worse is never safe, and "unsafe" with no severity counts as medium.
 */
export function parseVerdict(text: string): Verdict | undefined {
  const json = firstObject(text);
  if (json === undefined) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof raw !== 'object' || raw === null) return undefined;
  const v = raw as Record<string, unknown>;
  const severity = typeof v.severity === 'string' ? v.severity.toLowerCase() : undefined;
  if (typeof v.safe !== 'boolean' || !(SEVERITIES as readonly string[]).includes(severity ?? '')) return undefined;
  if (v.categories !== undefined && !(Array.isArray(v.categories) && v.categories.every((c) => typeof c === 'string'))) return undefined;
  let sev = severity as Severity;
  let safe = v.safe;
  if (sev === 'medium' || sev === 'high' || sev === 'critical') safe = false;
  if (!safe && sev === 'none') sev = 'medium';
  return { safe, severity: sev, categories: ((v.categories as string[] | undefined) ?? []).slice(0, 10), reason: typeof v.reason === 'string' ? v.reason.slice(0, 500) : '' };
}

export const MODERATION_SYSTEM =
  'You are the content moderator of a Japanese manga store. Judge one customer review. ' +
  'Answer with ONE JSON object and nothing else: ' +
  '{"safe": true|false, "severity": "none"|"low"|"medium"|"high"|"critical", "categories": ["..."], "reason": "one short sentence"}. ' +
  'Categories: threat, self_harm, hate, harassment, sexual, pii, spam, profanity. Spoilers and harsh but fair criticism are safe.';

export function moderationPrompt(review: string): string {
  return `Review:\n"""\n${review}\n"""`;
}
