import type { MigrationSet } from '../../../platform/db/migrator.js';
import * as employees from './2026_11_25_1601_employees.js';

export const employeesMigrations: MigrationSet = {
  '2026_11_25_1601_employees': employees,
};
