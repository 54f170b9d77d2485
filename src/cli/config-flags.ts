import type { ConfigFlags } from '../platform/config/config.js';
import type { CommandContext, OptionSpec } from './command.js';

/** Flags every command that opens the database accepts; they override the environment. */
export const databaseOptions: OptionSpec = {
  'database-url': { type: 'string' },
  'data-dir': { type: 'string' },
};

export const databaseOptionHelp: [string, string][] = [
  ['--database-url <url>', 'SQLite file path or postgres:// URL (env SIYU_DATABASE_URL)'],
  ['--data-dir <dir>', 'Data directory (env SIYU_DATA_DIR, default ./data)'],
];

export function configFlags(values: CommandContext['values']): ConfigFlags {
  const flags: ConfigFlags = {};
  const str = (name: string) =>
    typeof values[name] === 'string' ? (values[name] as string) : undefined;
  if (str('database-url')) flags.databaseUrl = str('database-url');
  if (str('data-dir')) flags.dataDir = str('data-dir');
  if (str('port')) flags.port = str('port');
  if (str('host')) flags.host = str('host');
  if (str('log-level')) flags.logLevel = str('log-level');
  if (str('workers')) flags.workers = str('workers');
  if (values['no-sandbox'] === true) flags.sandbox = false;
  return flags;
}
