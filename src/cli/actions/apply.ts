import { createHashi } from '../../main.ts';
import { loadCliConfig, output } from '../context.ts';
import type { CommonOptions } from '../options.ts';

/** What `serve` and `worker` do to the store on start, without starting anything. */
export async function apply(opts: CommonOptions & { json?: boolean }): Promise<void> {
  const config = loadCliConfig(opts);
  const hashi = await createHashi(config, { http: false, migrate: true, apply: true });
  try {
    const applied = {
      store: hashi.store.description,
      config: config.configFile || '(defaults only)',
      subscriptions: config.subscriptions.length,
      rules: hashi.events.settings.rules.length,
      archives: hashi.events.settings.archives.length,
      queues: config.sqs.queues.length,
    };
    output(opts.json, applied, () =>
      `applied ${applied.config} to ${applied.store}: ${applied.subscriptions} subscriptions, ${applied.rules} rules, ${applied.archives} archives, ${applied.queues} queues`,
    );
  } finally {
    await hashi.stop();
  }
}
