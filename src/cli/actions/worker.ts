import { createHashi } from '../../main.ts';
import { loadCliConfig } from '../context.ts';
import type { CommonOptions } from '../options.ts';
import { onShutdownSignal } from '../signals.ts';

export async function worker(opts: CommonOptions): Promise<void> {
  const config = loadCliConfig(opts);
  const hashi = await createHashi(config, { http: false, migrate: true });
  hashi.startWorkers();
  // The workers' timers are unref'd so they never hold up a drain; `serve` is kept up by its
  // socket and PostgreSQL by its pool, but a worker on SQLite has nothing else: this keeps it
  // running until SIGTERM/SIGINT.
  const keepAlive = setInterval(() => undefined, 2 ** 31 - 1);
  process.stdout.write(`hashi worker running job types: ${hashi.queue.types.join(', ') || '(none registered)'}\n  store: ${hashi.store.description}\n`);
  onShutdownSignal(async (signal) => {
    process.stdout.write(`${signal} received: draining…\n`);
    await hashi.stop();
    clearInterval(keepAlive);
  });
}
