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

/** Merges and undos committed while waiting for a lock that `requirePerson` follows. */
const maxLockAttempts = 10;

/**
 * The live person an id stands for (following merges), or 404. `writable` also refuses
 * erased persons (409) and, on PostgreSQL, locks the row for the rest of the transaction: a
 * merge or an undo that committed while we waited for the lock is followed, so nothing is
 * written to (or erased from) a person the id no longer stands for.
 */
export async function requirePerson(
  db: Db,
  workspaceId: string,
  personId: string,
  options: { writable?: boolean } = {},
): Promise<PersonRow> {
  if (!options.writable) {
    const liveId = await resolvePersonId(db, workspaceId, personId);
    const person = liveId ? await findPerson(db, workspaceId, liveId) : undefined;
    if (!person) throw customerNotFound();
    return person;
  }
  for (let attempt = 0; attempt < maxLockAttempts; attempt++) {
    const liveId = await resolvePersonId(db, workspaceId, personId);
    if (!liveId) throw customerNotFound();
    const [person] = await lockPersons(db, workspaceId, [liveId]);
    if (!person) throw customerNotFound();
    // Still the person the id stands for, now that it is locked? A merge, or the undo of the
    // merge that took a merged-away id there, may have committed while we waited.
    const stillStandsFor =
      personId === liveId || (await resolvePersonId(db, workspaceId, personId)) === liveId;
    if (person.merged_into === null && stillStandsFor) {
      if (person.erased_at !== null) throw customerErased();
      return person;
    }
  }
  throw new Error(`Person ${personId} kept being merged or unmerged while it was locked`);
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
