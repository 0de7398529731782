import { webhookBackends } from '../../../../test/webhooks/serialized-backends.ts';
import { idempotencyContract } from './contract.ts';

for (const backend of webhookBackends) idempotencyContract(backend);
