const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,3}[.)])\s+/;

/**
 * Markdown as plain sentences for the model's context: headings, list
 * markers and emphasis go; each heading and list item becomes its own
 * sentence. Extractive answering splits on sentence ends, so "1." markers
 * would otherwise turn into one-word "sentences".
 */
export function plainText(markdown: string): string {
  const sentences: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) sentences.push(terminate(paragraph.join(' ')));
    paragraph = [];
  };
  for (const raw of markdown.split(/\r?\n/)) {
    const heading = HEADING.exec(raw);
    const line = raw.trim();
    if (heading) {
      flush();
      if (heading[1]) sentences.push(terminate(heading[1]));
    } else if (LIST_ITEM.test(raw)) {
      flush();
      paragraph.push(line.replace(LIST_ITEM, ''));
    } else if (line === '') {
      flush();
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return sentences.map((s) => s.replace(/(\*\*|__|`)/g, '')).join(' ');
}

function terminate(text: string): string {
  const t = text.trim();
  return /[.!?:;]$/.test(t) ? t : `${t}.`;
}
