import { commandHelp, parseCommandArgs, UsageError, type Command } from './command.js';

function commandList(commands: readonly Command[]): string[] {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length));
  return commands.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
}

function topLevelHelp(commands: readonly Command[]): string {
  return [
    'Usage: siyu <command> [options]',
    '',
    'Siyu (私域): self-hosted SCRM for WeCom, Official Accounts and Mini Programs.',
    '',
    'Commands:',
    ...commandList(commands),
    '',
    'Run "siyu <command> --help" for the options of a command.',
  ].join('\n');
}

/**
 * The commands under the longest run of leading words that starts some command paths
 * (`siyu sandbox …` → the sandbox commands), if any.
 */
function findGroup(
  commands: readonly Command[],
  argv: string[],
): { words: string[]; members: Command[]; rest: string[] } | undefined {
  const firstOption = argv.findIndex((arg) => arg.startsWith('-'));
  const words = firstOption === -1 ? argv : argv.slice(0, firstOption);
  for (let n = words.length; n > 0; n--) {
    const prefix = words.slice(0, n);
    const members = commands.filter((c) => prefix.every((word, i) => c.path[i] === word));
    if (members.length > 0) return { words: prefix, members, rest: argv.slice(n) };
  }
  return undefined;
}

function groupHelp(words: string[], members: readonly Command[]): string {
  const group = words.join(' ');
  return [
    `Usage: siyu ${group} <command> [options]`,
    '',
    'Commands:',
    ...commandList(members),
    '',
    `Run "siyu ${group} <command> --help" for the options of a command.`,
  ].join('\n');
}

function findCommand(
  commands: readonly Command[],
  argv: string[],
): { command: Command; rest: string[] } | undefined {
  let best: Command | undefined;
  for (const command of commands) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && (!best || command.path.length > best.path.length)) best = command;
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : undefined;
}

export interface CliOutput {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const processOutput: CliOutput = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

/** Runs one command line against a command list; returns the exit code (2: usage error). */
export async function runCli(
  commands: readonly Command[],
  argv: string[],
  output: CliOutput = processOutput,
): Promise<number> {
  const { stdout, stderr } = output;
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    stdout(topLevelHelp(commands));
    return 0;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    const group = findGroup(commands, argv);
    // A group alone (`siyu sandbox`, or with --help) lists its commands, like `siyu` does.
    if (group && group.rest.every((arg) => arg === '--help' || arg === '-h')) {
      stdout(groupHelp(group.words, group.members));
      return 0;
    }
    const help = group ? groupHelp(group.words, group.members) : topLevelHelp(commands);
    stderr(`Unknown command: ${argv.join(' ')}\n\n${help}`);
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
