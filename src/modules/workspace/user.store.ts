import type { Kysely, Updateable } from 'kysely';
import type { Database } from '../../database.js';
import type { UserAccountTable, UserRow } from './workspace.table.js';

type Db = Kysely<Database>;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function insertUser(db: Db, row: UserRow): Promise<void> {
  await db.insertInto('user_account').values(row).execute();
}

/** Inserts unless the email is taken; true when this call created it. */
export async function insertUserIfAbsent(db: Db, row: UserRow): Promise<boolean> {
  const result = await db
    .insertInto('user_account')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('user_account').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('user_account')
    .selectAll()
    .where('email', '=', normalizeEmail(email))
    .executeTakeFirst();
}

export async function updateUser(
  db: Db,
  id: string,
  changes: Updateable<UserAccountTable>,
): Promise<void> {
  await db.updateTable('user_account').set(changes).where('id', '=', id).execute();
}
