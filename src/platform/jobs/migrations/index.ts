import type { MigrationSet } from '../../db/migrator.js';

export const jobsMigrations: MigrationSet = {};
