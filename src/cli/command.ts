import { parseArgs, type ParseArgsConfig } from 'node:util';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

export interface Command {
  /** Words that select the command, e.g. ['jobs', 'retry']. */
  path: string[];
  summary: string;
  /** Positional arguments shown in help, e.g. '<id>'. */
  args?: string;
  options?: OptionSpec;
  /** One line per option: [flag usage, description]. */
  optionHelp?: [string, string][];
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
  run(ctx: CommandContext): Promise<number | void>;
}

export class UsageError extends Error {}

export function commandHelp(command: Command): string {
  const lines = [
    `Usage: siyu ${command.path.join(' ')}${command.args ? ` ${command.args}` : ''} [options]`,
    '',
    command.summary,
    '',
  ];
  const options: [string, string][] = [...(command.optionHelp ?? []), ['--help', 'Show this help']];
  const width = Math.max(...options.map(([flag]) => flag.length));
  lines.push('Options:');
  for (const [flag, description] of options) lines.push(`  ${flag.padEnd(width)}  ${description}`);
  return lines.join('\n');
}

export function parseCommandArgs(
  command: Command,
  argv: string[],
): { values: CommandContext['values']; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
