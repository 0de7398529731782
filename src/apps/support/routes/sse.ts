/** One Server-Sent Event (https://html.spec.whatwg.org/multipage/server-sent-events.html): `event:` and one `data:` line of JSON. */
export function sseEvent(event: string, data: unknown): string {
  // JSON.stringify never emits a raw newline, so one data line is always enough.
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Splits stored text into stream-sized chunks at whitespace, keeping every character (concatenation = the text). */
export function replayChunks(text: string, size = 64): string[] {
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > size) {
    let cut = rest.lastIndexOf(' ', size - 1);
    if (cut <= 0) cut = size;
    else cut += 1;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) chunks.push(rest);
  return chunks;
}
