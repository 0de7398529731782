import { Command, CommanderError } from 'commander';
import { VERSION } from '../version.ts';
import { applyCommand } from './commands/apply.ts';
import { configCommand } from './commands/config.ts';
import { dlqCommand } from './commands/dlq.ts';
import { eventsCommand } from './commands/events.ts';
import { keysCommand } from './commands/keys.ts';
import { kbCommand } from './commands/kb.ts';
import { mangaCommand } from './commands/manga.ts';
import { migrateCommand } from './commands/migrate.ts';
import { serveCommand } from './commands/serve.ts';
import { usageCommand } from './commands/usage.ts';
import { workerCommand } from './commands/worker.ts';
import { webhooksCommand } from './commands/webhooks.ts';

/**
 * The command table: one file per command. A command file only declares names,
 * options and help; its action `import()`s `./actions/<command>.ts` when it runs,
 * so `hashi --help` and cheap commands never load the capabilities and SDKs.
 * `test/cli/startup.test.ts` checks which modules each of them loads.
 */
const commands = [serveCommand, workerCommand, migrateCommand, applyCommand, configCommand, keysCommand, dlqCommand, eventsCommand, kbCommand, webhooksCommand, usageCommand, mangaCommand];

export function buildProgram(): Command {
  const program = new Command('hashi').description('Hashi — self-hosted GenAI integration gateway').version(VERSION).showHelpAfterError();
  for (const make of commands) program.addCommand(make());
  return program;
}

async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  // Commands added with addCommand do not inherit it: every level throws instead of exiting.
  const overrideExits = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.commands.forEach(overrideExits);
  };
  overrideExits(program);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    // One rule (README, CLI): 2 when the command cannot run as given — unknown command or
    // option, missing or malformed argument, invalid configuration, input refused as a 4xx
    // would be; 1 when it failed while running. Commander says 1 for its usage errors; help
    // and --version are not errors.
    if (err instanceof CommanderError) process.exit(err.exitCode === 0 ? 0 : 2);
    // Loaded only on failure: an action that threw a HashiError has loaded the kernel already.
    const { HashiError } = await import('../kernel/index.ts');
    if (err instanceof HashiError) {
      process.stderr.write(`error: ${err.message}\n`);
      process.exit(err.code === 'CONFIG_INVALID' || err.status < 500 ? 2 : 1);
    }
    process.stderr.write(`error: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  }
}

await main(process.argv);
