import type { Product } from '../types.ts';

export interface Recommendation {
  product_id: string;
  title: string;
  volume: number;
  language: string;
  score: number;
  reason: string;
}

export interface RankInput {
  /** What the customer looked at, bought, or asked about (newest first). */
  basis: readonly Product[];
  /** Products that may be recommended (active, in stock). */
  candidates: readonly Product[];
  /** Stored product embeddings (unit vectors), for similarity. */
  embeddings: ReadonlyMap<string, readonly number[]>;
  count: number;
  /** Products never to recommend (already bought). */
  exclude?: ReadonlySet<string>;
}

const MAX_PER_SERIES = 2;

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) s += a[i]! * b[i]!;
  return s;
}

interface Signal {
  score: number;
  reason: string;
}

/** The strongest reason a candidate relates to the basis; ties go to the newest basis product. */
function bestSignal(c: Product, basis: readonly Product[], embeddings: RankInput['embeddings']): Signal {
  let best: Signal = { score: 0, reason: '' };
  const consider = (score: number, reason: string) => {
    if (score > best.score) best = { score, reason };
  };
  const vc = embeddings.get(c.id);
  for (const [rank, b] of basis.entries()) {
    const recency = 1 - Math.min(rank, 10) * 0.03;
    const sameSeries = c.series !== null && c.series === b.series;
    if (sameSeries && c.language === b.language && c.volume === b.volume + 1) consider(3 * recency, `The next volume after ${b.title} vol. ${b.volume}.`);
    else if (sameSeries && c.language === b.language && c.volume > b.volume) consider(1.6 * recency, `Continues ${b.title}, which you were reading.`);
    else if (sameSeries && c.language !== b.language) consider(0.8 * recency, `${b.title} in the ${c.language === 'ja' ? 'Japanese' : 'English'} edition.`);
    if (!sameSeries && c.author === b.author) consider(1.4 * recency, `Another series by ${c.author}, who wrote ${b.title}.`);
    const vb = embeddings.get(b.id);
    const sim = vc && vb ? dot(vc, vb) : 0;
    if (!sameSeries && c.genre === b.genre) consider((0.6 + sim) * recency, `A ${c.genre} series for readers of ${b.title}.`);
    else if (!sameSeries && sim > 0.2) consider(sim * 1.2 * recency, `Similar in theme to ${b.title}.`);
  }
  return best;
}

/**
 * Ranks candidates against what the customer has shown interest in: next
 * volumes first, then the same series, the same author, the same genre and
 * similar synopses (embedding cosine). At most two volumes per series keep the
 * list varied. With no basis: first volumes of the newest series.
 */
export function rankRecommendations(input: RankInput): Recommendation[] {
  const basisIds = new Set(input.basis.map((b) => b.id));
  const usable = input.candidates.filter((c) => !basisIds.has(c.id) && !input.exclude?.has(c.id));
  const language = input.basis[0]?.language;
  const scored =
    input.basis.length === 0
      ? usable
          .filter((c) => c.volume === 1)
          .map((c) => ({ c, s: { score: Date.parse(c.release_date ?? '1970-01-01') / 1e13, reason: `Start a new ${c.genre} series: ${c.title} vol. 1.` } }))
      : usable.map((c) => {
          const s = bestSignal(c, input.basis, input.embeddings);
          return { c, s: { ...s, score: s.score + (c.language === language ? 0.2 : 0) } };
        });
  scored.sort((a, b) => b.s.score - a.s.score || a.c.id.localeCompare(b.c.id));
  const perSeries = new Map<string, number>();
  const out: Recommendation[] = [];
  for (const { c, s } of scored) {
    if (s.score <= 0 || s.reason === '') continue;
    const key = c.series ?? c.id;
    if ((perSeries.get(key) ?? 0) >= MAX_PER_SERIES) continue;
    perSeries.set(key, (perSeries.get(key) ?? 0) + 1);
    out.push({ product_id: c.id, title: c.title, volume: c.volume, language: c.language, score: Math.round(s.score * 1000) / 1000, reason: s.reason });
    if (out.length === input.count) break;
  }
  return out;
}
