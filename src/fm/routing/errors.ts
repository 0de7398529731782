import { defineCodes } from '../../kernel/index.ts';

export const ROUTING_CODES = defineCodes({
  FM_ROUTING_INVALID: { status: 500, description: 'The routing configuration names a model that is not in the catalog, or a split shadows an alias.' },
});
