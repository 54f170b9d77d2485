import type { MigrationSet } from './platform/db/migrator.js';
import { channelsMigrations } from './channels/migrations/index.js';
import { connectionsMigrations } from './modules/connections/migrations/index.js';
import { employeesMigrations } from './modules/employees/migrations/index.js';
import { eventBusMigrations } from './platform/event-bus/migrations/index.js';
import { jobsMigrations } from './platform/jobs/migrations/index.js';
import { peopleMigrations } from './modules/people/migrations/index.js';
import { workspaceMigrations } from './modules/workspace/migrations/index.js';

/** Every module's migrations; names are timestamp-prefixed, so they apply in time order. */
export const allMigrations: MigrationSet = {
  ...jobsMigrations,
  ...workspaceMigrations,
  ...channelsMigrations,
  ...eventBusMigrations,
  ...connectionsMigrations,
  ...peopleMigrations,
  ...employeesMigrations,
};
