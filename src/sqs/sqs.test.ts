import { storeBackends } from '../../test/support/backends.ts';
import { sqsContract } from './contract.ts';

for (const backend of storeBackends) sqsContract(backend);
