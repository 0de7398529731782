import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readKbSource } from './read-source.ts';

const dir = mkdtempSync(join(tmpdir(), 'kb-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readKbSource', () => {
  it('reads a folder recursively (Markdown, text, JSONL; hidden files skipped), a single .jsonl or a single file', async () => {
    mkdirSync(join(dir, 'kb', 'sub'), { recursive: true });
    writeFileSync(join(dir, 'kb', 'a.md'), '# A\n\nalpha');
    writeFileSync(join(dir, 'kb', 'sub', 'b.txt'), 'beta');
    writeFileSync(join(dir, 'kb', 'c.jsonl'), '{"id":"c","title":"C","text":"gamma"}\n');
    writeFileSync(join(dir, 'kb', '.draft.md'), '# hidden\n\nno');
    writeFileSync(join(dir, 'kb', 'image.png'), 'not text');
    expect((await readKbSource(join(dir, 'kb'))).map((d) => d.id).sort()).toEqual(['a', 'c', 'sub/b']);
    expect((await readKbSource(join(dir, 'kb', 'c.jsonl'))).map((d) => d.id)).toEqual(['c']);
    expect((await readKbSource(join(dir, 'kb', 'a.md'))).map((d) => d.title)).toEqual(['A']);
  });

  it('refuses a missing path, an empty folder, an unknown file type and duplicate ids', async () => {
    await expect(readKbSource(join(dir, 'missing'))).rejects.toMatchObject({ code: 'KB_SOURCE_UNREADABLE', message: expect.stringContaining('does not exist') });
    mkdirSync(join(dir, 'empty'));
    await expect(readKbSource(join(dir, 'empty'))).rejects.toMatchObject({ code: 'KB_SOURCE_UNREADABLE' });
    writeFileSync(join(dir, 'x.pdf'), '%PDF');
    await expect(readKbSource(join(dir, 'x.pdf'))).rejects.toMatchObject({ code: 'KB_SOURCE_UNREADABLE' });
    mkdirSync(join(dir, 'dup'));
    writeFileSync(join(dir, 'dup', 'one.md'), '---\nid: same\n---\n# One\n\ntext');
    writeFileSync(join(dir, 'dup', 'two.md'), '---\nid: same\n---\n# Two\n\ntext');
    await expect(readKbSource(join(dir, 'dup'))).rejects.toMatchObject({ code: 'KB_DOCUMENT_INVALID', message: 'id same appears twice: in one.md and in two.md' });
  });
});
