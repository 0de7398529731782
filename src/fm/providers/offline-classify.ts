import { englishDataset, englishRecommendedTransformers, RegExpMatcher } from 'obscenity';
import Sentiment from 'sentiment';

/**
 * Offline classification helpers (English): sentiment from the AFINN-165
 * lexicon (`sentiment` package) and rule-based moderation. Deterministic and
 * documented in README.md; a real model can replace them behind the same shapes.
 */
export interface SentimentVerdict {
  label: 'positive' | 'negative' | 'neutral';
  /** AFINN comparative score: sum of word valences (−5…+5) / number of tokens. */
  score: number;
  positive: string[];
  negative: string[];
}

// Built once: both objects are stateless between calls.
const afinn = new Sentiment();
const profanity = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });

/** Neutral when |comparative| < 0.05, i.e. less than one mild word in twenty. */
export function sentiment(text: string): SentimentVerdict {
  const r = afinn.analyze(text);
  const score = Math.round(r.comparative * 1000) / 1000;
  const label = score >= 0.05 ? 'positive' : score <= -0.05 ? 'negative' : 'neutral';
  return { label, score, positive: r.positive, negative: r.negative };
}

export type Severity = 'none' | 'low' | 'medium' | 'high' | 'critical';

export interface ModerationVerdict {
  /** True when severity is none or low. */
  safe: boolean;
  severity: Severity;
  categories: string[];
  reason: string;
}

const ORDER: Severity[] = ['none', 'low', 'medium', 'high', 'critical'];

const THREATS = [
  /\b(?:i(?:'ll| will| am going to|'m going to|'m gonna| gonna)|we(?:'ll| will| are going to))\s+(?:kill|hurt|beat|shoot|stab|murder|find)\s+(?:you|u|him|her|them|your)\b/i,
  /\b(?:kill|shoot|stab|murder)\s+(?:you|u)\b/i,
  /\byou(?:'re| are)\s+(?:dead|going to die)\b/i,
  /\b(?:bomb|burn down|blow up)\b[^.!?]*\b(?:store|shop|office|house|building|warehouse)\b/i,
];
const SELF_HARM = /\b(?:kill|hurt)\s+myself\b|\bsuicide\b/i;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/i;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}\b/;
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;
const SPAM_WORDS = /\b(?:buy now|click here|free money|limited offer|promo code|discount code|casino|crypto|viagra|earn \$?\d+)\b/i;

interface Finding {
  category: string;
  severity: Severity;
  note: string;
}

/**
 * Rules, strongest first (documented in README.md):
 * threats → critical; self-harm → high; payment card numbers (Luhn-valid) →
 * high; emails / phone numbers → medium (PII in public text); spam: three or
 * more links, or a link with spam wording → medium, one or two plain links →
 * low; profanity (obscenity's English set, leetspeak-aware): one or two
 * distinct terms → low, three or more → medium.
 */
export function moderate(text: string): ModerationVerdict {
  const findings = [...threatFindings(text), ...piiFindings(text), ...spamFindings(text), ...profanityFindings(text)];
  const severity = findings.reduce<Severity>((worst, f) => (ORDER.indexOf(f.severity) > ORDER.indexOf(worst) ? f.severity : worst), 'none');
  const categories = [...new Set(findings.map((f) => f.category))];
  const reason = findings.length === 0 ? 'No rule matched.' : findings.map((f) => `${f.category}: ${f.note}`).join('; ');
  return { safe: ORDER.indexOf(severity) <= 1, severity, categories, reason };
}

function threatFindings(text: string): Finding[] {
  const out: Finding[] = [];
  if (THREATS.some((r) => r.test(text))) out.push({ category: 'threat', severity: 'critical', note: 'threatens violence' });
  if (SELF_HARM.test(text)) out.push({ category: 'self_harm', severity: 'high', note: 'mentions self-harm' });
  return out;
}

function piiFindings(text: string): Finding[] {
  const out: Finding[] = [];
  const cards = (text.match(CARD) ?? []).filter((c) => luhn(c.replace(/\D/g, '')));
  if (cards.length > 0) out.push({ category: 'pii', severity: 'high', note: 'contains a payment card number' });
  if (EMAIL.test(text)) out.push({ category: 'pii', severity: 'medium', note: 'contains an email address' });
  if (cards.length === 0 && PHONE.test(text)) out.push({ category: 'pii', severity: 'medium', note: 'contains a phone number' });
  return out;
}

function spamFindings(text: string): Finding[] {
  const links = text.match(URL) ?? [];
  if (links.length >= 3) return [{ category: 'spam', severity: 'medium', note: `${links.length} links` }];
  if (links.length > 0 && SPAM_WORDS.test(text)) return [{ category: 'spam', severity: 'medium', note: 'link with promotional wording' }];
  if (links.length > 0) return [{ category: 'spam', severity: 'low', note: `${links.length} link(s)` }];
  return [];
}

function profanityFindings(text: string): Finding[] {
  const terms = new Set(
    profanity.getAllMatches(text, true).map((m) => englishDataset.getPayloadWithPhraseMetadata(m).phraseMetadata?.originalWord ?? 'term'),
  );
  if (terms.size === 0) return [];
  return [{ category: 'profanity', severity: terms.size >= 3 ? 'medium' : 'low', note: `${terms.size} distinct term(s)` }];
}

function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
