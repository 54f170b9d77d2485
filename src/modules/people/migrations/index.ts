import type { MigrationSet } from '../../../platform/db/migrator.js';
import * as people from './2026_11_25_1500_people.js';
import * as relations from './2026_11_25_1600_relations.js';
import * as customerList from './2026_11_25_1603_customer_list.js';
import * as importRun from './2026_11_25_1605_import_run.js';
import * as tagSyncIssue from './2026_11_25_1610_tag_sync_issue.js';
import * as identityFillfactor from './2026_11_25_2330_identity_fillfactor.js';
import * as tagLinkPersonAddedAt from './2026_11_26_0120_tag_link_person_added_at.js';
import * as dropFollowStateIdx from './2026_11_26_0820_drop_follow_state_idx.js';

export const peopleMigrations: MigrationSet = {
  '2026_11_25_1500_people': people,
  '2026_11_25_1600_relations': relations,
  '2026_11_25_1603_customer_list': customerList,
  '2026_11_25_1605_import_run': importRun,
  '2026_11_25_1610_tag_sync_issue': tagSyncIssue,
  '2026_11_25_2330_identity_fillfactor': identityFillfactor,
  '2026_11_26_0120_tag_link_person_added_at': tagLinkPersonAddedAt,
  '2026_11_26_0820_drop_follow_state_idx': dropFollowStateIdx,
};
