import { defineCodes } from '../kernel/index.ts';

export const KEY_CODES = defineCodes({
  KEY_INVALID: { status: 400, description: 'The key request is invalid (tenant format, unknown plan).' },
  KEY_NOT_FOUND: { status: 404, description: 'No API key has this id.' },
});
