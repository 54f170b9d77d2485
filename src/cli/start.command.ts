import { loadConfig } from '../platform/config/config.js';
import { openRuntime, startServer } from '../runtime.js';
import { startBuiltInSandbox } from './sandbox-boot.js';
import type { Command } from './command.js';
import { configFlags, databaseOptionHelp, databaseOptions } from './config-flags.js';

const start: Command = {
  path: ['start'],
  summary: 'Start the Siyu server (HTTP API, console and job workers)',
  options: {
    ...databaseOptions,
    port: { type: 'string', short: 'p' },
    host: { type: 'string' },
    'log-level': { type: 'string' },
    workers: { type: 'string' },
    'no-sandbox': { type: 'boolean' },
  },
  optionHelp: [
    ['-p, --port <port>', 'Port to listen on (env SIYU_PORT, default 3000)'],
    ['--host <host>', 'Address to bind (env SIYU_HOST, default 0.0.0.0)'],
    ...databaseOptionHelp,
    ['--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (env SIYU_LOG_LEVEL)'],
    ['--workers <n>', 'Concurrent jobs in this process; 0 runs no worker (env SIYU_WORKERS)'],
    ['--no-sandbox', 'Do not start the built-in WeChat sandbox (env SIYU_SANDBOX=false)'],
  ],
  async run({ values, stdout }) {
    const config = loadConfig(process.env, configFlags(values));
    const runtime = await openRuntime(config);
    const server = await startServer(runtime);
    const sandbox = await startBuiltInSandbox(runtime, server.url);
    stdout(
      `Siyu is running at ${server.url.replace('0.0.0.0', 'localhost')} (database: ${config.database.dialect})`,
    );
    if (sandbox) {
      stdout(
        `WeChat sandbox (offline simulator) at ${sandbox.url}; the default workspace is connected to it`,
      );
    }
    const shutdown = (signal: string) => {
      runtime.logger.info({ signal }, 'shutting down');
      Promise.all([server.stop(), sandbox?.close()]).then(
        () => process.exit(0),
        (error: unknown) => {
          runtime.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
    await new Promise<never>(() => {});
  },
};

export const startCommands: Command[] = [start];
