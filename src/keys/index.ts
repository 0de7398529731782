export { KeyRepository, type ApiKeyRecord, type CreatedKey } from './repository.ts';
export { keysMigrations } from './migrations.ts';
export { apiKeyScheme } from './scheme.ts';
export { generateKey, parseKey } from './format.ts';
export { KEY_CODES } from './errors.ts';
export { AwsKeyRepository, type AwsKeyRecord, type CreatedAwsKey, type SealedAwsKey } from './aws/repository.ts';
export { SecretBox, openSecretBox } from './aws/secret-box.ts';
export { accountFor } from './aws/account.ts';
export { looksLikeAccessKeyId, ACCESS_KEY_ID } from './aws/format.ts';
