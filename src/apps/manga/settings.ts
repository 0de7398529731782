/** The validated `manga:` section of hashi.yaml (schema: src/config/sections/manga.ts). */
export interface MangaSettings {
  enabled: boolean;
  /** The sample catalogue `hashi manga seed` loads (relative to the working directory). */
  catalogue: string;
  /** Store information (shipping, returns, …) chat can quote; '' for none. */
  storeInfo: string;
  models: {
    /** Chat: an alias, a split or `auto` (the gateway's small-vs-large routing). */
    chat: string;
    /** The small model for confirmations, moderation, descriptions, restock notes, sentiment. */
    fast: string;
  };
  chat: {
    /** Earlier messages of the session handed to the model. */
    historyMessages: number;
    /** Catalogue passages retrieved per turn. */
    passages: number;
    maxTokens: number;
  };
  mail: {
    from: string;
    /** smtp(s):// URL; '' writes .eml files to `<dataDir>/<mailbox>/` instead. */
    smtpUrl: string;
    /** Folder under the data dir for .eml files. */
    mailbox: string;
  };
  moderation: {
    /** Extra attempts when the model's verdict is not the expected JSON. */
    parseRetries: number;
  };
  recommendations: {
    count: number;
    /** The scheduled refresh covers customers active within this window. */
    activeWithinHours: number;
    maxCustomersPerRun: number;
  };
  catalog: {
    /** Stock threshold of a product the catalogue or a catalog update gives none. */
    defaultStockThreshold: number;
  };
  /** Whether sentiment enrichment of review webhooks may call the model (false: the offline lexicon only). */
  sentimentModel: boolean;
  /**
   * Which webhook sources (`sources.<name>`) carry MangaAssist's deliveries; ''
   * registers no mapper, so a Hashi without the demo config is unaffected.
   */
  sources: { payments: string; reviews: string; catalog: string };
}

export const DEFAULT_MANGA_SETTINGS: MangaSettings = {
  enabled: true,
  catalogue: 'examples/manga/catalogue.json',
  storeInfo: 'examples/manga/store-info.json',
  models: { chat: 'auto', fast: 'haiku' },
  chat: { historyMessages: 10, passages: 5, maxTokens: 600 },
  mail: { from: 'MangaAssist <orders@mangaassist.example>', smtpUrl: '', mailbox: 'mailbox' },
  moderation: { parseRetries: 1 },
  recommendations: { count: 5, activeWithinHours: 168, maxCustomersPerRun: 500 },
  catalog: { defaultStockThreshold: 5 },
  sentimentModel: true,
  sources: { payments: '', reviews: '', catalog: '' },
};

/** Types the validated section and fills what a caller (a test) left out. */
export function mangaSettings(raw: Record<string, unknown> = {}): MangaSettings {
  const r = raw as Partial<MangaSettings>;
  const d = DEFAULT_MANGA_SETTINGS;
  return {
    enabled: r.enabled ?? d.enabled,
    catalogue: r.catalogue ?? d.catalogue,
    storeInfo: r.storeInfo ?? d.storeInfo,
    models: { ...d.models, ...r.models },
    chat: { ...d.chat, ...r.chat },
    mail: { ...d.mail, ...r.mail },
    moderation: { ...d.moderation, ...r.moderation },
    recommendations: { ...d.recommendations, ...r.recommendations },
    catalog: { ...d.catalog, ...r.catalog },
    sentimentModel: r.sentimentModel ?? d.sentimentModel,
    sources: { ...d.sources, ...r.sources },
  };
}
