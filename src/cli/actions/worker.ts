import { createHashi } from '../../main.ts';
import { loadCliConfig } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { onShutdownSignal } from '../signals.ts';

export async function worker(opts: CommonOptions): Promise<void> {
  const config = loadCliConfig(opts);
  const hashi = await createHashi(config, { http: false, migrate: true });
  hashi.startWorkers();
  process.stdout.write(`hashi worker running job types: ${hashi.queue.types.join(', ') || '(none registered)'}\n  store: ${hashi.store.description}\n`);
  onShutdownSignal(async () => hashi.stop());
}
