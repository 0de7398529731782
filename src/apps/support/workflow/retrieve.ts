import type { SearchFilters } from '../../../search/index.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { TicketRequest } from '../types.ts';
import { plainText } from './plain-text.ts';

export interface Passage {
  id: string;
  title: string;
  text: string;
  score: number;
}

export interface RetrievalStep {
  query: string;
  filters: SearchFilters;
}

/**
 * The searches for one ticket, most specific first: articles for this product
 * type and error code, then for this product type alone. Filters apply before
 * ranking; the model name and error code also go into the query text so that
 * articles naming them rank higher.
 */
export function retrievalPlan(ticket: TicketRequest): RetrievalStep[] {
  const query = [ticket.symptom_text, ticket.asset.model, ticket.error_code ?? ''].join(' ').trim().slice(0, 2000);
  const product = { product_type: ticket.asset.product_type };
  const steps: RetrievalStep[] = [];
  if (ticket.error_code) steps.push({ query, filters: { ...product, error_code: ticket.error_code } });
  steps.push({ query, filters: product });
  return steps;
}

/** The best `count` passages for a ticket, as plain text cut to `maxChars`. */
export async function retrievePassages(kb: KnowledgeBase, ticket: TicketRequest, count: number, maxChars: number): Promise<Passage[]> {
  const hits = new Map<string, number>();
  for (const step of retrievalPlan(ticket)) {
    if (hits.size >= count) break;
    const { results } = await kb.search({ query: step.query, filters: step.filters, maxResults: count });
    for (const r of results) if (hits.size < count && !hits.has(r.id)) hits.set(r.id, r.score);
  }
  const docs = new Map((await kb.documents([...hits.keys()])).map((d) => [d.id, d]));
  const passages: Passage[] = [];
  for (const [id, score] of hits) {
    const doc = docs.get(id);
    // Deleted between the search and now: simply not a passage any more.
    if (doc) passages.push({ id, title: doc.title, text: plainText(doc.text).slice(0, maxChars), score });
  }
  return passages;
}
