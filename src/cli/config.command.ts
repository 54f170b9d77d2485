import { loadConfig } from '../platform/config/config.js';
import type { Command } from './command.js';
import { configFlags, databaseOptionHelp, databaseOptions } from './config-flags.js';

const check: Command = {
  path: ['config', 'check'],
  summary: 'Validate the configuration (environment and flags) and print it, secrets hidden',
  options: { ...databaseOptions, port: { type: 'string' } },
  optionHelp: [...databaseOptionHelp, ['--port <port>', 'Port (env SIYU_PORT)']],
  async run({ values, stdout }) {
    const config = loadConfig(process.env, configFlags(values));
    const shown = {
      ...config,
      database:
        config.database.dialect === 'postgres'
          ? {
              dialect: 'postgres',
              url: config.database.url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@'),
            }
          : config.database,
      secretKey: config.secretKey
        ? '*** (set)'
        : '(not set: generated in the data directory on first start)',
      owner: { email: config.owner.email, password: config.owner.password ? '***' : null },
    };
    stdout(JSON.stringify(shown, null, 2));
    stdout('Configuration is valid.');
  },
};

export const configCommands: Command[] = [check];
