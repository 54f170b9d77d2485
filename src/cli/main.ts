import type { Command } from './command.js';
import { configCommands } from './config.command.js';
import { jobsCommands } from './jobs.command.js';
import { migrateCommands } from './migrate.command.js';
import { runCli } from './run.js';
import { startCommands } from './start.command.js';

const commands: Command[] = [
  ...startCommands,
  ...migrateCommands,
  ...configCommands,
  ...jobsCommands,
];

process.exitCode = await runCli(commands, process.argv.slice(2));
