import { storeBackends } from '../../../test/support/backends.ts';
import { idempotencyContract } from './contract.ts';

for (const backend of storeBackends) idempotencyContract(backend);
