import { describe, expect, it } from 'vitest';
import { NEEDS_HUMAN_REVIEW, parseVerdict } from './verdict.ts';

describe('moderation verdicts', () => {
  it('parse the JSON object, also inside prose or a fenced block', () => {
    const v = { safe: false, severity: 'high', categories: ['harassment'], reason: 'Targets the author.' };
    expect(parseVerdict(JSON.stringify(v))).toEqual(v);
    expect(parseVerdict(`Here is my verdict:\n\`\`\`json\n${JSON.stringify(v)}\n\`\`\`\nThanks`)).toEqual(v);
    expect(parseVerdict('{"safe": true, "severity": "none", "reason": "a {fair} review"}')).toEqual({ safe: true, severity: 'none', categories: [], reason: 'a {fair} review' });
  });

  it('are undefined when malformed (the caller retries, then holds the review)', () => {
    expect(parseVerdict('The review is fine.')).toBeUndefined();
    expect(parseVerdict('{"safe": "yes", "severity": "none"}')).toBeUndefined();
    expect(parseVerdict('{"safe": true, "severity": "extreme"}')).toBeUndefined();
    expect(parseVerdict('{"safe": true, "severity": "none", "categories": "spam"}')).toBeUndefined();
    expect(parseVerdict('{"safe": true, "severity": "none"')).toBeUndefined();
  });

  it('read contradictions conservatively: never safe at medium or worse', () => {
    expect(parseVerdict('{"safe": true, "severity": "critical", "categories": ["threat"]}')).toMatchObject({ safe: false, severity: 'critical' });
    expect(parseVerdict('{"safe": false, "severity": "none"}')).toMatchObject({ safe: false, severity: 'medium' });
    expect(parseVerdict('{"safe": true, "severity": "LOW"}')).toMatchObject({ safe: true, severity: 'low' });
  });

  it('hold reviews without a verdict for a person', () => {
    expect(NEEDS_HUMAN_REVIEW).toMatchObject({ safe: false, categories: ['needs_human_review'] });
  });
});
