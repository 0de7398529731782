import type { ContextPassage } from '../types.ts';
import { sentences, terms } from './offline-text.ts';

export interface ExtractiveAnswer {
  /** Chosen sentences, in passage order, each passage's group followed by its `[id]`. */
  text: string;
  /** Ids of the passages the sentences came from, in order. */
  cited: string[];
}

interface Candidate {
  passage: number;
  position: number;
  text: string;
  terms: string[];
  score: number;
}

const K1 = 1.2;
const B = 0.75;
/** Sentences far weaker than the best one are noise, not support. */
const RELATIVE_FLOOR = 0.3;

/**
 * Extractive answering: every sentence of every passage is a document; BM25
 * scores them against the question's terms; the best `maxSentences` scoring
 * at least 30% of the top score are returned in passage order, with their
 * passage ids cited.
 * Returns undefined when no sentence shares a term with the question.
 */
export function extractiveAnswer(question: string, passages: ContextPassage[], maxSentences = 3): ExtractiveAnswer | undefined {
  const query = [...new Set(terms(question))];
  if (query.length === 0) return undefined;
  const candidates: Candidate[] = [];
  passages.forEach((p, passage) => {
    const titleTerms = p.title ? terms(p.title) : [];
    sentences(p.text).forEach((text, position) => {
      candidates.push({ passage, position, text, terms: [...terms(text), ...titleTerms], score: 0 });
    });
  });
  if (candidates.length === 0) return undefined;
  const df = new Map<string, number>();
  for (const c of candidates) for (const t of new Set(c.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const avgLength = candidates.reduce((n, c) => n + c.terms.length, 0) / candidates.length || 1;
  for (const c of candidates) c.score = bm25(query, c.terms, df, candidates.length, avgLength);

  const best = Math.max(...candidates.map((c) => c.score));
  const chosen = candidates
    .filter((c) => c.score > 0 && c.score >= best * RELATIVE_FLOOR)
    .sort((a, b) => b.score - a.score || a.passage - b.passage || a.position - b.position)
    .slice(0, maxSentences)
    .sort((a, b) => a.passage - b.passage || a.position - b.position);
  if (chosen.length === 0) return undefined;

  const groups: string[] = [];
  const cited: string[] = [];
  for (let i = 0; i < chosen.length; ) {
    const passage = chosen[i]!.passage;
    const run: string[] = [];
    while (i < chosen.length && chosen[i]!.passage === passage) run.push(chosen[i++]!.text);
    const id = passages[passage]!.id;
    cited.push(id);
    groups.push(`${run.join(' ')} [${id}]`);
  }
  return { text: groups.join(' '), cited };
}

function bm25(query: string[], doc: string[], df: Map<string, number>, n: number, avgLength: number): number {
  const tf = new Map<string, number>();
  for (const t of doc) tf.set(t, (tf.get(t) ?? 0) + 1);
  let score = 0;
  for (const q of query) {
    const f = tf.get(q);
    if (!f) continue;
    const d = df.get(q) ?? 0;
    const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
    score += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * doc.length) / avgLength));
  }
  return score;
}
