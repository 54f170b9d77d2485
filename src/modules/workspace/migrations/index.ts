import type { MigrationSet } from '../../../platform/db/migrator.js';

export const workspaceMigrations: MigrationSet = {};
