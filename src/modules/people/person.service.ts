import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { AppError } from '../../platform/http/errors.js';
import type { PeopleContext } from './people.context.js';
import type { PersonRow } from './person.table.js';
import { findPerson, lockPersons, resolvePersonId, updatePerson } from './person.store.js';

type Db = Kysely<Database>;

export const customerNotFound = () => new AppError('not_found', 'Customer not found');
export const customerErased = () =>
  new AppError('conflict', 'This customer’s personal data was erased; it cannot be changed');

/** Merges committed while waiting for a lock that `requirePerson` follows before giving up. */
const maxLockHops = 10;

/**
 * The live person an id stands for (following merges), or 404. `writable` also refuses
 * erased persons (409) and, on PostgreSQL, locks the row for the rest of the transaction: a
 * merge that committed while we waited for the lock is followed to its winner, so nothing is
 * written to (or erased from) a person that is no longer live.
 */
export async function requirePerson(
  db: Db,
  workspaceId: string,
  personId: string,
  options: { writable?: boolean } = {},
): Promise<PersonRow> {
  let id = personId;
  for (let hops = 0; hops < maxLockHops; hops++) {
    const liveId = await resolvePersonId(db, workspaceId, id);
    if (!liveId) throw customerNotFound();
    if (!options.writable) {
      const person = await findPerson(db, workspaceId, liveId);
      if (!person) throw customerNotFound();
      return person;
    }
    const [person] = await lockPersons(db, workspaceId, [liveId]);
    if (!person) throw customerNotFound();
    if (person.merged_into === null) {
      if (person.erased_at !== null) throw customerErased();
      return person;
    }
    id = person.merged_into;
  }
  throw new Error(`Person ${personId} kept being merged while it was locked`);
}

/**
 * Sets a person's name and avatar (the WeCom sync and profile edits); `undefined` leaves a
 * field as it is, null clears it.
 */
export async function updatePersonProfile(
  trx: Db,
  ctx: PeopleContext,
  workspaceId: string,
  personId: string,
  profile: { displayName?: string | null; avatarUrl?: string | null },
): Promise<PersonRow> {
  const person = await requirePerson(trx, workspaceId, personId, { writable: true });
  const changes = {
    ...(profile.displayName !== undefined ? { display_name: profile.displayName } : {}),
    ...(profile.avatarUrl !== undefined ? { avatar_url: profile.avatarUrl } : {}),
  };
  if (Object.keys(changes).length === 0) return person;
  const updated_at = ctx.clock.now();
  await updatePerson(trx, workspaceId, person.id, { ...changes, updated_at });
  return { ...person, ...changes, updated_at };
}
