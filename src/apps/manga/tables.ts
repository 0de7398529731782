import type { Executor } from '../../store/index.ts';

/** A catalogue product. Prices in major units of `currency`; JSON columns are text. */
export type ProductsTable = {
  id: string;
  series: string | null;
  title: string;
  /** The title in the other language (searchable). */
  title_alt: string | null;
  author: string;
  genre: string;
  volume: number;
  synopsis: string;
  price: number;
  currency: string;
  language: string;
  stock: number;
  stock_threshold: number;
  /** `active` or `discontinued`. */
  status: string;
  release_date: string | null;
  /** Catalogue tags, JSON array. */
  tags: string;
  ai_description: string | null;
  /** The 5 tags written with the description, JSON array. */
  ai_tags: string | null;
  /** Who wrote the description: the model alias, or `offline-template`. */
  ai_source: string | null;
  ai_updated_at: number | null;
  /** JSON array of numbers. */
  embedding: string | null;
  embedding_model: string | null;
  created_at: number;
  updated_at: number;
};

export type OrdersTable = {
  id: string;
  email: string | null;
  customer_id: string | null;
  amount: number;
  currency: string;
  /** JSON array of {product_id, title, qty, unit_price?}. */
  items: string;
  payment_ref: string | null;
  /** The PaymentCompleted event that created the order. */
  event_id: string;
  confirmation: string;
  confirmation_source: string;
  created_at: number;
};

export type ChatSessionsTable = {
  tenant: string;
  session_id: string;
  customer_id: string | null;
  language: string;
  channel: string;
  created_at: number;
  last_active_at: number;
};

export type ChatMessagesTable = {
  id: string;
  tenant: string;
  session_id: string;
  /** Order within the session (ids made in the same millisecond do not sort by time). */
  seq: number;
  /** `user` or `assistant`. */
  role: string;
  content: string;
  /** JSON array of product ids (assistant turns). */
  product_ids: string;
  model: string | null;
  created_at: number;
};

export type CustomerActivityTable = {
  customer_id: string;
  last_active_at: number;
  /** JSON array of product ids seen or bought, newest first (bounded). */
  product_ids: string;
};

export type RecommendationsTable = {
  customer_id: string;
  /** JSON array of {product_id, score, reason}. */
  items: string;
  based_on: string;
  generated_at: number;
};

export type ReviewsTable = {
  review_id: string;
  product_id: string;
  customer_id: string | null;
  rating: number | null;
  text: string;
  sentiment: string;
  /** `published`, `held` (flagged, awaiting a human), `needs_review` (no usable verdict) or `hidden`. */
  status: string;
  safe: number;
  severity: string;
  categories: string;
  reason: string;
  /** `model:<alias>` or `offline-rules`. */
  verdict_source: string;
  content_hash: string;
  event_id: string;
  created_at: number;
  updated_at: number;
};

export type MailOutboxTable = {
  id: string;
  /** What the message is about, e.g. `order:<id>`: one message per subject. */
  subject_key: string;
  to_address: string;
  subject: string;
  body: string;
  /** `pending`, `sent`. */
  status: string;
  attempts: number;
  /** The .eml path or the SMTP message id. */
  delivered_to: string | null;
  created_at: number;
  sent_at: number | null;
};

export type CatalogBatchesTable = {
  batch_id: string;
  received_at: number;
  items: number;
  published: number;
  /** Items refused before publishing (no id, unknown type, …). */
  rejected: number;
  /** Items the bus refused (PutEvents per-entry errors). */
  failed: number;
};

export type CatalogItemsTable = {
  batch_id: string;
  idx: number;
  product_id: string;
  type: string;
  /** `published`, `rejected`, `failed`, `described`, `updated`, `skipped`. */
  status: string;
  reason: string | null;
  event_id: string | null;
  updated_at: number;
};

export type InferenceDailyTable = {
  day: string;
  model: string;
  requests: number;
  cached: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  /** Requests whose model is unpriced (cost unknown). */
  unpriced: number;
};

/** Events already counted (InferenceCompleted is delivered at least once). */
export type InferenceSeenTable = {
  event_id: string;
  day: string;
};

export type MangaTables = {
  manga_products: ProductsTable;
  manga_orders: OrdersTable;
  manga_chat_sessions: ChatSessionsTable;
  manga_chat_messages: ChatMessagesTable;
  manga_customer_activity: CustomerActivityTable;
  manga_recommendations: RecommendationsTable;
  manga_reviews: ReviewsTable;
  manga_mail_outbox: MailOutboxTable;
  manga_catalog_batches: CatalogBatchesTable;
  manga_catalog_items: CatalogItemsTable;
  manga_inference_daily: InferenceDailyTable;
  manga_inference_seen: InferenceSeenTable;
};

/** The store's database (or a transaction) typed with MangaAssist's tables. */
export const m = (db: Executor) => db.withTables<MangaTables>();
