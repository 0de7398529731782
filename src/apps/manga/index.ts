/**
 * MangaAssist: the manga store's chat assistant and its event-driven AI jobs.
 * See README.md. Only main.ts (and the CLI through it) imports this folder.
 */
export { createMangaAssist, type MangaAssist, type MangaAssistDeps } from './app.ts';
export { mangaMigrations } from './migrations.ts';
export { MANGA_CODES } from './errors.ts';
export { mangaSettings, DEFAULT_MANGA_SETTINGS, type MangaSettings } from './settings.ts';
export { FUNCTIONS as MANGA_FUNCTIONS } from './functions.ts';
export { MAIL_JOB, type OutboxView } from './mail/outbox.ts';
export { INVENTORY_JOB } from './inventory/job.ts';
export { parseCatalogue } from './catalog/seed.ts';
export { fromMinorUnits, formatMoney } from './money.ts';
export type { Classifiers } from './context.ts';
export type { MangaFm, MangaBus, MangaWebhooks, ProductEmbedder, Product } from './types.ts';
