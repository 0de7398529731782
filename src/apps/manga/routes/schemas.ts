/** JSON Schemas of the MangaAssist API (validation and the OpenAPI document). */
export const SESSION_ID = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:-]+$' } as const;
export const PRODUCT_ID = { type: 'string', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]*$' } as const;

export const chatBodySchema = {
  type: 'object',
  required: ['session_id', 'message'],
  additionalProperties: false,
  properties: {
    session_id: SESSION_ID,
    message: { type: 'string', minLength: 1, maxLength: 4000 },
    language: { enum: ['ja', 'en'], default: 'en' },
    channel: { enum: ['web', 'mobile', 'api'], default: 'api' },
  },
} as const;

const productCard = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    volume: { type: 'integer' },
    author: { type: 'string' },
    language: { type: 'string' },
    price: { type: 'number' },
    currency: { type: 'string' },
    stock: { type: 'integer' },
    cited: { type: 'boolean' },
  },
} as const;

export const chatResultSchema = {
  type: 'object',
  properties: {
    session_id: { type: 'string' },
    message_id: { type: 'string' },
    answer: { type: 'string' },
    products: { type: 'array', items: productCard },
    model: { type: 'string', description: 'The model alias that answered (auto routing picks the small or the large one).' },
    cached: { type: 'boolean' },
    usage: { type: 'object', properties: { input_tokens: { type: 'integer' }, output_tokens: { type: 'integer' } } },
  },
} as const;

export const recommendationsBodySchema = {
  type: 'object',
  required: ['customer_id'],
  additionalProperties: false,
  properties: {
    customer_id: { type: 'string', minLength: 1, maxLength: 128 },
    based_on: { type: 'array', maxItems: 20, items: PRODUCT_ID, description: 'Product ids; default: the customer\'s recent activity.' },
    count: { type: 'integer', minimum: 1, maximum: 20 },
  },
} as const;

export const recommendationsResultSchema = {
  type: 'object',
  properties: {
    customer_id: { type: 'string' },
    based_on: { type: 'array', items: { type: 'string' } },
    generated_at: { type: 'string' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { product_id: { type: 'string' }, title: { type: 'string' }, volume: { type: 'integer' }, language: { type: 'string' }, score: { type: 'number' }, reason: { type: 'string' } },
      },
    },
  },
} as const;

export const productSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    series: { type: ['string', 'null'] },
    title: { type: 'string' },
    title_alt: { type: ['string', 'null'] },
    author: { type: 'string' },
    genre: { type: 'string' },
    volume: { type: 'integer' },
    synopsis: { type: 'string' },
    price: { type: 'number' },
    currency: { type: 'string' },
    language: { type: 'string' },
    stock: { type: 'integer' },
    stock_threshold: { type: 'integer' },
    status: { type: 'string' },
    release_date: { type: ['string', 'null'] },
    tags: { type: 'array', items: { type: 'string' } },
    ai_description: { type: ['string', 'null'] },
    ai_tags: { type: 'array', items: { type: 'string' } },
    ai_source: { type: ['string', 'null'] },
  },
} as const;

// Back-office views (admin.ts): stored rows, described by their main fields; open, so every column reaches the operator.
const str = { type: 'string' } as const;
const nullableStr = { type: ['string', 'null'] } as const;
const open = (properties: Record<string, unknown>, description?: string) => ({ type: 'object', additionalProperties: true, properties, ...(description ? { description } : {}) }) as const;

export const chatMessagesSchema = open({
  session_id: str,
  messages: {
    type: 'array',
    items: open({ id: str, role: { enum: ['user', 'assistant'] }, content: str, product_ids: { type: 'array', items: str }, model: nullableStr, created_at: str }),
  },
});

export const analyticsSchema = open({
  from: { type: 'string', description: 'First UTC day counted (YYYY-MM-DD).' },
  days: {
    type: 'array',
    items: open({ day: str, model: str, requests: { type: 'number' }, cached: { type: 'number' }, input_tokens: { type: 'number' }, output_tokens: { type: 'number' }, cost_usd: { type: 'number' }, unpriced: { type: 'number' } }),
  },
  totals: open({ requests: { type: 'number' }, input_tokens: { type: 'number' }, output_tokens: { type: 'number' }, cost_usd: { type: 'number' } }),
});

export const orderSchema = open(
  {
    id: str,
    email: nullableStr,
    customer_id: nullableStr,
    currency: str,
    items: { type: ['array', 'null'], items: open({ product_id: str, title: str }) },
    event_id: { type: 'string', description: 'The PaymentCompleted event that created the order.' },
    confirmation: str,
    created_at: nullableStr,
    mail: { type: ['object', 'null'], additionalProperties: true, properties: { id: str, to: str, subject: str, status: str, sent_at: nullableStr }, description: 'The confirmation e-mail in the outbox.' },
  },
  'An order (every stored column) and its confirmation mail.',
);

export const reviewSchema = open(
  {
    review_id: str,
    product_id: str,
    text: str,
    sentiment: str,
    status: { type: 'string', description: '`published`, `held`, `needs_review` or `hidden`.' },
    safe: { type: 'boolean' },
    severity: str,
    categories: { description: 'The moderation categories flagged.' },
    reason: str,
    verdict_source: { type: 'string', description: '`model:<alias>` or `offline-rules`.' },
    created_at: nullableStr,
    updated_at: nullableStr,
  },
  'A stored review (every column) with its moderation verdict.',
);

export const catalogBatchSchema = open({
  batch_id: str,
  received_at: nullableStr,
  item_count: { type: 'number' },
  published: { type: 'number' },
  rejected: { type: 'number' },
  failed: { type: 'number' },
  items: { type: 'array', items: open({ index: { type: 'number' }, product_id: nullableStr, type: str, status: str, reason: nullableStr, event_id: nullableStr }) },
});
