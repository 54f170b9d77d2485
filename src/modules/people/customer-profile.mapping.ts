import type { CustomerProfile } from './customer.schemas.js';
import type { IdentityMergeRow } from './person.table.js';
import type { FollowRow, OaSubscriptionRow } from './relations.table.js';
import { iso } from './tag.mapping.js';

type Profile = CustomerProfile;
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function followRowToFollower(
  row: FollowRow,
  employeeName: string | undefined,
): Profile['followers'][number] {
  return {
    corpId: row.corp_id,
    employeeUserId: row.employee_user_id,
    employeeName: employeeName ?? null,
    remark: row.remark,
    description: row.description,
    state: row.state,
    status: row.status,
    addedAt: iso(row.added_at),
    removedAt: isoOrNull(row.removed_at),
  };
}

export function oaSubscriptionRowToSubscription(
  row: OaSubscriptionRow,
): Profile['oaSubscriptions'][number] {
  return {
    appId: row.app_id,
    subscribed: row.subscribed === 1,
    scene: row.scene,
    subscribedAt: isoOrNull(row.subscribed_at),
    unsubscribedAt: isoOrNull(row.unsubscribed_at),
  };
}

export function mergeRowToSummary(row: IdentityMergeRow): Profile['merges'][number] {
  return {
    id: row.id,
    winnerPersonId: row.winner_person_id,
    loserPersonId: row.loser_person_id,
    mergedBy: row.merged_by,
    mergedAt: iso(row.created_at),
    undoneAt: isoOrNull(row.undone_at),
  };
}
