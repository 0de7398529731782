/** Product ids the answer cites as `[id]`, in order of first mention. */
export function citedIds(answer: string, known: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const match of answer.matchAll(/\[([A-Za-z0-9][A-Za-z0-9._:-]*)\]/g)) {
    const id = match[1]!;
    if (known.has(id) && !out.includes(id)) out.push(id);
  }
  return out;
}

const SMALL_TALK = /^(?:hi|hello|hey|yo|thanks|thank you|thx|ok|okay|bye|good (?:morning|evening|night)|こんにちは|こんばんは|おはよう(?:ございます)?|ありがとう(?:ございます)?|どうも|はい)[\s!.?。！？]*$/i;

/** Greetings and thanks need no catalogue search; everything else gets retrieval. */
export function needsRetrieval(message: string): boolean {
  return !SMALL_TALK.test(message.trim());
}

export function chatSystemPrompt(language: 'ja' | 'en'): string {
  return [
    'You are MangaAssist, the shopping assistant of a Japanese manga store.',
    language === 'ja' ? 'Answer in Japanese.' : 'Answer in English.',
    'Talk about products only from the context passages, and cite each product you mention by its [id].',
    'Give prices and stock as the passages state them. If no passage fits, say so and suggest what to search for.',
    'Be brief and friendly.',
  ].join(' ');
}

/**
 * What to search for: the message, plus the previous user message so a
 * follow-up ("and the second volume?") still finds the series it is about.
 * Capped at search's 2000-character query limit.
 */
export function retrievalQuery(message: string, history: ReadonlyArray<{ role: string; content: string }>, max = 2000): string {
  const previous = [...history].reverse().find((m) => m.role === 'user')?.content;
  return (previous === undefined ? message : `${message}\n${previous}`).slice(0, max);
}
