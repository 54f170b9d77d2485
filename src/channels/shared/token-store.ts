import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';

type Db = Kysely<Database>;

export interface StoredAccessToken {
  token: string;
  expiresAt: number;
}

export async function findAccessToken(db: Db, cacheKey: string): Promise<StoredAccessToken | null> {
  const row = await db
    .selectFrom('channel_access_token')
    .select(['token', 'expires_at'])
    .where('cache_key', '=', cacheKey)
    .executeTakeFirst();
  return row && row.token !== '' ? { token: row.token, expiresAt: row.expires_at } : null;
}

/** Creates the (empty, expired) row if it is missing, so the refresh lock has a row to claim. */
export async function ensureAccessTokenRow(db: Db, cacheKey: string, now: number): Promise<void> {
  await db
    .insertInto('channel_access_token')
    .values({
      cache_key: cacheKey,
      token: '',
      expires_at: 0,
      refresh_lock_until: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.column('cache_key').doNothing())
    .execute();
}

/**
 * Takes the right to refresh: succeeds for exactly one caller while the token still needs
 * refreshing (expires before `staleAfter`) and no other refresh holds an unexpired lock.
 */
export async function claimTokenRefresh(
  db: Db,
  cacheKey: string,
  options: { now: number; lockUntil: number; staleAfter: number },
): Promise<boolean> {
  const result = await db
    .updateTable('channel_access_token')
    .set({ refresh_lock_until: options.lockUntil, updated_at: options.now })
    .where('cache_key', '=', cacheKey)
    .where('expires_at', '<=', options.staleAfter)
    .where((eb) =>
      eb.or([eb('refresh_lock_until', 'is', null), eb('refresh_lock_until', '<', options.now)]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function saveRefreshedToken(
  db: Db,
  cacheKey: string,
  token: StoredAccessToken & { now: number },
): Promise<void> {
  await db
    .updateTable('channel_access_token')
    .set({
      token: token.token,
      expires_at: token.expiresAt,
      refresh_lock_until: null,
      updated_at: token.now,
    })
    .where('cache_key', '=', cacheKey)
    .execute();
}

export async function releaseTokenRefresh(db: Db, cacheKey: string, now: number): Promise<void> {
  await db
    .updateTable('channel_access_token')
    .set({ refresh_lock_until: null, updated_at: now })
    .where('cache_key', '=', cacheKey)
    .execute();
}

/**
 * Marks a token the platform rejected as expired. Conditional on the token, so a token that
 * another process has already replaced is left alone.
 */
export async function expireAccessToken(
  db: Db,
  cacheKey: string,
  token: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('channel_access_token')
    .set({ expires_at: 0, updated_at: now })
    .where('cache_key', '=', cacheKey)
    .where('token', '=', token)
    .execute();
}
