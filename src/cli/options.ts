import type { Command } from 'commander';

export interface CommonOptions {
  config?: string;
  dataDir?: string;
  stage?: string;
  port?: string;
  host?: string;
}

/** The flags every store-touching command takes. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <file>', 'hashi.yaml to use (env HASHI_CONFIG; default ./hashi.yaml, else examples/hashi.yaml)')
    .option('-d, --data-dir <dir>', 'data folder for the SQLite store and local files (env HASHI_DATA_DIR)')
    .option('-s, --stage <name>', 'stage overrides to apply from the stages: section (env HASHI_STAGE)');
}
