import { allMigrations } from '../../main.ts';
import { openStore } from '../../store/index.ts';
import { loadCliConfig, output } from '../context.ts';
import type { CommonOptions } from '../options.ts';

export async function migrate(opts: CommonOptions & { status?: boolean; json?: boolean }): Promise<void> {
  const config = loadCliConfig(opts);
  const store = await openStore({ url: config.store.url, dataDir: config.dataDir, schema: config.store.schema, poolSize: 2 });
  try {
    const before = await store.migrationStatus(allMigrations);
    const after = opts.status ? before : await store.migrate(allMigrations);
    const applied = after.applied.filter((m) => !before.applied.includes(m));
    output(opts.json, { store: store.description, applied: after.applied, pending: after.pending, appliedNow: applied }, () =>
      opts.status
        ? `${store.description}: ${after.applied.length} applied, ${after.pending.length} pending${after.pending.length ? ` (${after.pending.join(', ')})` : ''}`
        : `${store.description}: ${applied.length ? `applied ${applied.join(', ')}` : 'already up to date'}`,
    );
  } finally {
    await store.close();
  }
}
