import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { normalizeIdentities, type IdentityInput } from './identity.normalize.js';
import { findIdentitiesByKeys } from './identity.store.js';
import type { PeopleContext } from './people.context.js';

/**
 * The person holding an identity, without creating or merging anything (an order that names
 * a member id or a phone: match it now, or keep it until the identity appears). Unknown,
 * junk and invalid values find nobody.
 */
export async function findPersonByIdentity(
  db: Kysely<Database>,
  ctx: PeopleContext,
  workspaceId: string,
  input: IdentityInput,
): Promise<{ personId: string; homePersonId: string; verified: boolean } | undefined> {
  const { candidates } = normalizeIdentities(ctx.identityKinds, ctx.pii, [input]);
  if (candidates.length === 0) return undefined;
  const [row] = await findIdentitiesByKeys(db, workspaceId, candidates);
  return (
    row && {
      personId: row.person_id,
      homePersonId: row.home_person_id,
      verified: row.verified === 1,
    }
  );
}
