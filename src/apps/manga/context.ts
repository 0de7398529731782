import type { Clock } from '../../kernel/index.ts';
import type { Logger } from '../../observability/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { Store } from '../../store/index.ts';
import type { ProductIndex } from './catalog/product-index.ts';
import type { SentimentLabel } from './inbound/reviews.ts';
import type { Verdict } from './moderation/verdict.ts';
import type { MangaSettings } from './settings.ts';
import type { MangaBus, MangaFm, ProductEmbedder } from './types.ts';

/** The offline classifiers (fm's `sentiment` and `moderate`): deterministic stand-ins for a model. */
export interface Classifiers {
  sentiment(text: string): { label: SentimentLabel };
  moderate(text: string): Verdict;
}

/** The tenant MangaAssist's background AI jobs are billed to in the FM gateway. */
export const JOB_TENANT = 'mangaassist';

/** What every MangaAssist route, function and job works with. */
export interface MangaContext {
  settings: MangaSettings;
  store: Store;
  queue: Queue;
  clock: Clock;
  logger: Logger;
  bus: MangaBus;
  fm: MangaFm;
  embedder: ProductEmbedder;
  classifiers: Classifiers;
  products: ProductIndex;
}
