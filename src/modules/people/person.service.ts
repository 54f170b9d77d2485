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

/**
 * The live person an id stands for (following merges), or 404. `writable` also refuses
 * erased persons (409) and, on PostgreSQL, locks the row for the rest of the transaction.
 */
export async function requirePerson(
  db: Db,
  workspaceId: string,
  personId: string,
  options: { writable?: boolean } = {},
): Promise<PersonRow> {
  const liveId = await resolvePersonId(db, workspaceId, personId);
  if (!liveId) throw customerNotFound();
  const person = options.writable
    ? (await lockPersons(db, workspaceId, [liveId]))[0]
    : await findPerson(db, workspaceId, liveId);
  if (!person) throw customerNotFound();
  if (options.writable && person.erased_at !== null) throw customerErased();
  return person;
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
