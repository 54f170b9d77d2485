import { commandHelp, parseCommandArgs, UsageError, type Command } from './command.js';
import { configCommands } from './config.command.js';
import { migrateCommands } from './migrate.command.js';
import { startCommands } from './start.command.js';

const commands: Command[] = [...startCommands, ...migrateCommands, ...configCommands];

function topLevelHelp(): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  return [
    'Usage: siyu <command> [options]',
    '',
    'Siyu (私域): self-hosted SCRM for WeCom, Official Accounts and Mini Programs.',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Run "siyu <command> --help" for the options of a command.',
  ].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: Command | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : undefined;
}

export async function runCli(argv: string[]): Promise<number> {
  const stdout = (line: string) => process.stdout.write(`${line}\n`);
  const stderr = (line: string) => process.stderr.write(`${line}\n`);
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    stdout(topLevelHelp());
    return 0;
  }
  const found = findCommand(argv);
  if (!found) {
    stderr(`Unknown command: ${argv.join(' ')}\n\n${topLevelHelp()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseCommandArgs(found.command, found.rest);
    if (values.help) {
      stdout(commandHelp(found.command));
      return 0;
    }
    return (await found.command.run({ values, positionals, stdout, stderr })) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      stderr(`${error.message}\n\n${commandHelp(found.command)}`);
      return 2;
    }
    if (error instanceof Error && error.name === 'ConfigError') {
      stderr(error.message);
      return 78;
    }
    throw error;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
