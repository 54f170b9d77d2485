import type { MigrationSet } from '../../../platform/db/migrator.js';
import * as connections from './2026_11_25_1310_connections.js';

export const connectionsMigrations: MigrationSet = {
  '2026_11_25_1310_connections': connections,
};
