import type { MigrationSet } from '../../../platform/db/migrator.js';
import * as workspace from './2026_11_25_1000_workspace.js';

export const workspaceMigrations: MigrationSet = {
  '2026_11_25_1000_workspace': workspace,
};
