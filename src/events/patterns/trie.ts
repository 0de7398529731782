interface TrieNode {
  next: Map<string, TrieNode>;
  refs: number[];
}

const node = (): TrieNode => ({ next: new Map(), refs: [] });

/**
 * A character trie of keys, each carrying condition ids. `visitKeysPrefixing`
 * finds every stored key that is a prefix of a text in O(text length); a trie of
 * reversed keys does the same for suffixes.
 */
export class Trie {
  private readonly root: TrieNode = node();
  private readonly reversed: boolean;
  size = 0;

  constructor(options: { reversed?: boolean } = {}) {
    this.reversed = options.reversed ?? false;
  }

  add(key: string, ref: number): void {
    let at = this.root;
    const n = key.length;
    for (let i = 0; i < n; i++) {
      const ch = key[this.reversed ? n - 1 - i : i] as string;
      let child = at.next.get(ch);
      if (child === undefined) {
        child = node();
        at.next.set(ch, child);
      }
      at = child;
    }
    at.refs.push(ref);
    this.size++;
  }

  /** Calls `visit` with the ids of every key that prefixes (or, reversed, suffixes) `text`. */
  visitKeysPrefixing(text: string, visit: (ref: number) => void): void {
    let at: TrieNode | undefined = this.root;
    const n = text.length;
    for (let i = 0; at !== undefined; i++) {
      for (const ref of at.refs) visit(ref);
      if (i === n) break;
      at = at.next.get(text[this.reversed ? n - 1 - i : i] as string);
    }
  }
}
