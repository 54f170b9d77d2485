import type { MigrationSet } from '../../db/migrator.js';
import * as domainEvent from './2026_11_25_1300_domain_event.js';

export const eventBusMigrations: MigrationSet = {
  '2026_11_25_1300_domain_event': domainEvent,
};
