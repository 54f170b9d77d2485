import type { Command } from './command.js';
import { configCommands } from './config.command.js';
import { connectCommands } from './connect.command.js';
import { doctorCommands } from './doctor.command.js';
import { importCommands } from './import.command.js';
import { jobsCommands } from './jobs.command.js';
import { migrateCommands } from './migrate.command.js';
import { runCli } from './run.js';
import { sandboxCommands } from './sandbox.command.js';
import { startCommands } from './start.command.js';
import { userCommands } from './user.command.js';
import { workspaceCommands } from './workspace.command.js';

const commands: Command[] = [
  ...startCommands,
  ...migrateCommands,
  ...configCommands,
  ...jobsCommands,
  ...workspaceCommands,
  ...userCommands,
  ...connectCommands,
  ...doctorCommands,
  ...importCommands,
  ...sandboxCommands,
];

process.exitCode = await runCli(commands, process.argv.slice(2));
