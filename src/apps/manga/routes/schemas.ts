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
