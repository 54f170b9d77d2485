import { sql, type Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { homeKeyedTable, type ErasureStep, type PersonOwnedRegistry } from './person-owned.js';

/**
 * Erasure keeps follows and subscriptions as anonymous facts (counts per employee, channel
 * code, add way; loss alerts stay too) but drops what identifies or describes the person: the
 * employee's remark and description, and the platform ids, replaced by `erased:<row id>` so
 * the same user returning is a new follow of a new person.
 */
const anonymize =
  (table: 'follow' | 'oa_subscription') => async (trx: Kysely<Database>, step: ErasureStep) => {
    const persons = sql.join([...step.personIds]);
    if (table === 'follow') {
      await sql`update follow set remark = null, description = null,
        external_user_id = ${'erased:'} || id, updated_at = ${step.at}
        where workspace_id = ${step.workspaceId} and person_id in (${persons})`.execute(trx);
    } else {
      await sql`update oa_subscription set openid = ${'erased:'} || id, updated_at = ${step.at}
        where workspace_id = ${step.workspaceId} and person_id in (${persons})`.execute(trx);
    }
  };

/** Follows, OA subscriptions and loss alerts move with merges and are anonymized on erasure. */
export function registerRelationTables(registry: PersonOwnedRegistry): void {
  registry.register(
    homeKeyedTable({ name: 'people.follow', table: 'follow', erase: anonymize('follow') }),
  );
  registry.register(
    homeKeyedTable({
      name: 'people.oa_subscription',
      table: 'oa_subscription',
      erase: anonymize('oa_subscription'),
    }),
  );
  registry.register(
    homeKeyedTable({ name: 'people.loss_alert', table: 'loss_alert', erase: async () => {} }),
  );
}
