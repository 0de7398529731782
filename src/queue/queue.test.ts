import { storeBackends } from '../../test/support/backends.ts';
import { queueContract } from './contract.ts';

for (const backend of storeBackends) queueContract(backend);
