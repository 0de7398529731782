/** Parses a server-sent-events body into `{event, data}` (data JSON-decoded when it is JSON). */
export function parseSse(body: string): { event: string; data: any }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) event = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      const text = data.join('\n');
      try {
        return { event, data: JSON.parse(text) };
      } catch {
        return { event, data: text };
      }
    });
}
