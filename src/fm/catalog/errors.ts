import { defineCodes } from '../../kernel/index.ts';

export const CATALOG_CODES = defineCodes({
  FM_UNKNOWN_MODEL: { status: 400, description: 'The requested model is neither a catalog alias, a provider model id, a split nor `auto`.' },
  FM_CATALOG_INVALID: { status: 500, description: 'The model catalog configuration is inconsistent (reserved or duplicate alias).' },
});
