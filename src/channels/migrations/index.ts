import type { MigrationSet } from '../../platform/db/migrator.js';

/** Tables owned by the channel adapters (token cache, rate-limit counters). */
export const channelsMigrations: MigrationSet = {};
