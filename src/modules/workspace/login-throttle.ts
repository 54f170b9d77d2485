import type { Kysely } from 'kysely';
import type { Database } from '../../database.js';
import { newId } from '../../platform/ids.js';
import {
  deleteLoginFailuresBefore,
  deleteLoginFailuresForEmail,
  insertLoginFailure,
  recentFailureTimes,
} from './login-attempt.store.js';

type Db = Kysely<Database>;

/** Failures allowed within the window before further attempts are refused. */
export const loginThrottle = { windowMs: 15 * 60_000, maxPerEmail: 5, maxPerIp: 20 } as const;

/**
 * Milliseconds until a login for this email from this IP may be tried again, or 0 when it
 * may be tried now. Refused attempts are not recorded, so waiting always ends the block.
 */
export async function loginRetryAfterMs(
  db: Db,
  key: { email: string; ip: string },
  now: number,
): Promise<number> {
  const since = now - loginThrottle.windowMs;
  const checks = [
    { by: { email: key.email }, max: loginThrottle.maxPerEmail },
    { by: { ip: key.ip }, max: loginThrottle.maxPerIp },
  ];
  let wait = 0;
  for (const { by, max } of checks) {
    const times = await recentFailureTimes(db, by, since, max);
    // Blocked while `max` failures are in the window; free once the max-th newest leaves it.
    if (times.length >= max) wait = Math.max(wait, times[max - 1]! + loginThrottle.windowMs - now);
  }
  return wait;
}

export async function recordLoginFailure(
  db: Db,
  key: { email: string; ip: string },
  now: number,
): Promise<void> {
  await deleteLoginFailuresBefore(db, now - loginThrottle.windowMs);
  await insertLoginFailure(db, { id: newId(now), email: key.email, ip: key.ip, created_at: now });
}

/** A successful login forgives the email's failures (not the IP's). */
export function clearLoginFailures(db: Db, email: string): Promise<void> {
  return deleteLoginFailuresForEmail(db, email);
}
