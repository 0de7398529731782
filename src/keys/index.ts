export { KeyRepository, type ApiKeyRecord, type CreatedKey } from './repository.ts';
export { keysMigrations } from './migrations.ts';
export { apiKeyScheme } from './scheme.ts';
export { generateKey, parseKey } from './format.ts';
export { KEY_CODES } from './errors.ts';
