import type { MigrationSet } from '../../db/migrator.js';
import * as jobs from './2026_11_25_1000_jobs.js';

export const jobsMigrations: MigrationSet = {
  '2026_11_25_1000_jobs': jobs,
};
