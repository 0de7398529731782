import type { Citation, Lang } from '../types.ts';

/** Said when no knowledge-base passage fits and the ticket asked for a grounded answer only. */
export const NO_ANSWER: Record<Lang, string> = {
  'it-IT': 'Nessun articolo della knowledge base risponde a questo problema: il ticket va passato a un tecnico.',
  'en-US': 'No knowledge-base article answers this problem: the ticket needs a technician.',
  'de-DE': 'Kein Artikel der Wissensdatenbank beantwortet dieses Problem: das Ticket braucht einen Techniker.',
};

const MARKER = /\[([A-Za-z0-9][A-Za-z0-9._:/-]{0,199})\]/g;

/** The passages an answer cites as `[id]`, in order of first citation; ids not handed to the model are ignored. */
export function citedIds(text: string, passageIds: readonly string[]): string[] {
  const known = new Set(passageIds);
  const cited: string[] = [];
  for (const m of text.matchAll(MARKER)) {
    const id = m[1]!;
    if (known.has(id) && !cited.includes(id)) cited.push(id);
  }
  return cited;
}

/**
 * Turns the model's text into the stored solution: citations resolved to
 * titles; with `grounded_only`, an answer that cites nothing is not
 * grounded and says so.
 */
export function groundSolution(
  text: string,
  passages: ReadonlyArray<{ id: string; title: string }>,
  policy: { groundedOnly: boolean; lang: Lang },
): { text: string; citations: Citation[]; grounded: boolean } {
  const ids = citedIds(text, passages.map((p) => p.id));
  const citations = ids.map((id) => ({ id, title: passages.find((p) => p.id === id)!.title }));
  const grounded = citations.length > 0;
  if (policy.groundedOnly && !grounded) {
    return { text: text.trim() ? `${text}\n\n${NO_ANSWER[policy.lang]}` : NO_ANSWER[policy.lang], citations, grounded };
  }
  return { text, citations, grounded };
}
