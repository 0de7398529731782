import { defineCodes } from '../../kernel/index.ts';

/** MangaAssist's error codes (README "Error codes"). */
export const MANGA_CODES = defineCodes({
  MANGA_PRODUCT_NOT_FOUND: { status: 404, description: 'No catalogue product with this id.' },
  MANGA_ORDER_NOT_FOUND: { status: 404, description: 'No order with this id (orders are created by PaymentCompleted).' },
  MANGA_REVIEW_NOT_FOUND: { status: 404, description: 'No review with this id (reviews are stored once moderation has run).' },
  MANGA_BATCH_NOT_FOUND: { status: 404, description: 'No catalog batch with this id has been received.' },
  MANGA_CATALOGUE_INVALID: { status: 400, description: 'The catalogue file to seed is unreadable or a product in it is malformed; the message names the product and field.' },
  MANGA_WEBHOOK_INVALID: { status: 422, description: 'An authentic review, payment or catalog webhook lacks a required field (e.g. a review without text or product_id).' },
  MANGA_FM_UNAVAILABLE: { status: 503, description: 'The FM gateway could not answer an AI job right now; the job is retried with backoff.' },
  MANGA_FM_REFUSED: { status: 422, description: 'The FM gateway refused an AI job as invalid; retrying cannot help, so the job is dead-lettered.' },
  MANGA_MAIL_FAILED: { status: 503, description: 'The SMTP server or the mailbox folder refused a message; the outbox retries it.' },
  MANGA_EVENT_INVALID: { status: 422, description: 'A MangaAssist function received an event whose detail lacks what it needs; it is dead-lettered, not retried.' },
});
