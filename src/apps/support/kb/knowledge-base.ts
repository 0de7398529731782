import type { Clock } from '../../../kernel/index.ts';
import type { KnowledgeIndex, SearchRequest, SearchResponse } from '../../../search/index.ts';
import type { KbDoc } from './doc.ts';
import type { KbRepository } from './repository.ts';

export interface IngestResult {
  documents: number;
  created: number;
  replaced: number;
  revision: number;
}

export type IngestProgress = (done: number, total: number) => void;

const BATCH = 25;

/**
 * The knowledge base: documents live in the store; each replica keeps an
 * in-memory hybrid index of them. The index is built from the store on first
 * use and kept current by loading the rows written after the revision it has
 * (at most every `refreshMs`, and at once after an ingest here) — so an ingest
 * by the CLI or another replica shows up without a restart.
 */
export class KnowledgeBase {
  private revision = 0;
  private loaded = false;
  private lastSync = Number.NEGATIVE_INFINITY;
  private syncing: Promise<void> | undefined;

  constructor(
    private readonly repo: KbRepository,
    private readonly index: KnowledgeIndex,
    private readonly clock: Clock,
    private readonly refreshMs: number,
  ) {}

  /** Adds or replaces documents, `BATCH` per transaction. */
  async ingest(docs: readonly KbDoc[], source: string, progress?: IngestProgress): Promise<IngestResult> {
    let created = 0;
    let revision = 0;
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      const written = await this.repo.write(batch, source, this.clock.now());
      created += written.created;
      revision = written.revision;
      progress?.(Math.min(i + BATCH, docs.length), docs.length);
    }
    if (this.loaded) await this.sync(true);
    return { documents: docs.length, created, replaced: docs.length - created, revision };
  }

  async remove(id: string): Promise<boolean> {
    const removed = await this.repo.remove(id, this.clock.now());
    if (this.loaded) await this.sync(true);
    return removed;
  }

  async search(req: SearchRequest): Promise<SearchResponse> {
    await this.sync();
    return this.index.search(req);
  }

  /** Full documents by id (search results carry only snippets). */
  documents(ids: readonly string[]): Promise<KbDoc[]> {
    return this.repo.getMany(ids);
  }

  stats(): { documents: number; revision: number } {
    return { documents: this.index.size, revision: this.revision };
  }

  /** Loads what changed in the store since the last sync (throttled to `refreshMs` unless forced). */
  async sync(force = false): Promise<void> {
    if (!force && this.clock.now() - this.lastSync < this.refreshMs) return;
    // One load at a time; a forced sync waits for the running one, then runs its own.
    while (this.syncing) await this.syncing;
    if (!force && this.clock.now() - this.lastSync < this.refreshMs) return;
    this.syncing = this.load().finally(() => {
      this.syncing = undefined;
    });
    await this.syncing;
  }

  private async load(): Promise<void> {
    const startedAt = this.clock.now();
    const changes = await this.repo.changedSince(this.revision);
    const upserts = changes.filter((c) => !c.deleted).map((c) => c.doc);
    for (const c of changes) if (c.deleted) this.index.remove(c.doc.id);
    if (upserts.length > 0) await this.index.upsert(upserts);
    if (changes.length > 0) this.revision = changes.at(-1)!.revision;
    this.loaded = true;
    this.lastSync = startedAt;
  }
}
