import type { MigrationSet } from '../../platform/db/migrator.js';
import * as channelApiState from './2026_11_25_1100_channel_api_state.js';

/** Tables owned by the channel adapters (token cache, rate-limit counters). */
export const channelsMigrations: MigrationSet = {
  '2026_11_25_1100_channel_api_state': channelApiState,
};
