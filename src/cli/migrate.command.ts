import { allMigrations } from '../migrations.js';
import { loadConfig } from '../platform/config/config.js';
import { migrateDown, migrateToLatest, pendingMigrations } from '../platform/db/migrator.js';
import { openDatabase } from '../platform/db/database.js';
import type { Command } from './command.js';
import { configFlags, databaseOptionHelp, databaseOptions } from './config-flags.js';

async function withDatabase<T>(
  values: Record<string, unknown>,
  fn: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>,
): Promise<T> {
  const config = loadConfig(process.env, configFlags(values as never));
  const handle = openDatabase(config.database);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

const up: Command = {
  path: ['migrate'],
  summary: 'Apply every pending database migration',
  options: databaseOptions,
  optionHelp: databaseOptionHelp,
  async run({ values, stdout }) {
    const applied = await withDatabase(values, (db) => migrateToLatest(db, allMigrations));
    stdout(
      applied.length === 0
        ? 'Database is up to date.'
        : `Applied ${applied.length} migration(s):\n${applied.map((m) => `  ${m}`).join('\n')}`,
    );
  },
};

const down: Command = {
  path: ['migrate', 'down'],
  summary: 'Revert the most recent migration',
  options: databaseOptions,
  optionHelp: databaseOptionHelp,
  async run({ values, stdout }) {
    const reverted = await withDatabase(values, (db) => migrateDown(db, allMigrations));
    stdout(reverted.length === 0 ? 'Nothing to revert.' : `Reverted ${reverted.join(', ')}`);
  },
};

const status: Command = {
  path: ['migrate', 'status'],
  summary: 'List migrations not yet applied',
  options: databaseOptions,
  optionHelp: databaseOptionHelp,
  async run({ values, stdout }) {
    const pending = await withDatabase(values, (db) => pendingMigrations(db, allMigrations));
    stdout(
      pending.length === 0
        ? 'No pending migrations.'
        : `Pending:\n${pending.map((m) => `  ${m}`).join('\n')}`,
    );
  },
};

export const migrateCommands: Command[] = [up, down, status];
