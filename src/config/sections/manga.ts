/**
 * The `manga:` section: the MangaAssist application (src/apps/manga).
 * Its TypeScript view is `MangaSettings` in src/apps/manga/settings.ts.
 */
const obj = (description: string, properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, default: {}, description, properties }) as const;
const int = (def: number, min: number, max: number, description: string) => ({ type: 'integer', minimum: min, maximum: max, default: def, description }) as const;

export const mangaSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  description: 'MangaAssist: the manga store assistant (routes under /manga/v1) and its event-driven AI jobs.',
  properties: {
    enabled: { type: 'boolean', default: true, description: 'Register the MangaAssist routes, functions, webhook mappers and jobs.' },
    catalogue: { type: 'string', default: 'examples/manga/catalogue.json', description: 'The catalogue `hashi manga seed` loads (relative to the working directory).' },
    storeInfo: { type: 'string', default: 'examples/manga/store-info.json', description: "Store information (shipping, returns, …) chat may quote; '' for none." },
    models: obj('FM model names MangaAssist asks for.', {
      chat: { type: 'string', minLength: 1, default: 'auto', description: 'Chat: an alias, a split, or auto (small model for simple questions, large for complex ones).' },
      fast: { type: 'string', minLength: 1, default: 'haiku', description: 'The small model for confirmations, moderation, descriptions, restock notes and sentiment.' },
    }),
    chat: obj('Chat turns.', {
      historyMessages: int(10, 0, 100, 'Earlier messages of the session sent with each turn.'),
      passages: int(5, 1, 20, 'Catalogue and store-information passages retrieved per turn.'),
      maxTokens: int(600, 16, 8192, 'Max output tokens of an answer.'),
    }),
    mail: obj('Order confirmation email (an outbox; SMTP or .eml files).', {
      from: { type: 'string', minLength: 3, default: 'MangaAssist <orders@mangaassist.example>', description: 'From header.' },
      smtpUrl: { type: 'string', default: '', description: "smtp:// or smtps:// URL (nodemailer); '' writes .eml files to <dataDir>/<mailbox>/." },
      mailbox: { type: 'string', minLength: 1, default: 'mailbox', description: 'Folder under the data dir for .eml files.' },
    }),
    moderation: obj('Review moderation.', {
      parseRetries: int(1, 0, 5, 'Extra attempts when the verdict is not the expected JSON (then: needs human review).'),
    }),
    recommendations: obj('Recommendations and their scheduled refresh.', {
      count: int(5, 1, 20, 'Products per recommendation set.'),
      activeWithinHours: int(168, 1, 8760, 'The scheduled refresh covers customers active within this many hours.'),
      maxCustomersPerRun: int(500, 1, 100000, 'Customers refreshed per scheduled run (most recently active first).'),
    }),
    catalog: obj('Catalogue updates.', {
      defaultStockThreshold: int(5, 0, 100000, 'Stock threshold of a product that names none; stock below it publishes InventoryLow.'),
    }),
    sentimentModel: { type: 'boolean', default: true, description: 'Label review sentiment with the small model (false: the offline lexicon only).' },
    sources: obj("Webhook sources (sources.<name>) carrying MangaAssist's deliveries; '' registers no mapper.", {
      payments: { type: 'string', default: '', description: 'Stripe: checkout.session.completed → PaymentCompleted.' },
      reviews: { type: 'string', default: '', description: 'Reviews (generic HMAC) → ReviewSubmitted with a sentiment label.' },
      catalog: { type: 'string', default: '', description: 'Catalog batches (generic HMAC) → CatalogUpdate.<type> per item.' },
    }),
  },
} as const;
