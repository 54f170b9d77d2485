import { randomToken } from '../../platform/ids.js';
import { constantTimeEqual, sha256Hex } from '../../platform/crypto.js';
import type { SessionRow, UserRow } from './workspace.table.js';
import type { WorkspaceContext } from './workspace.context.js';
import {
  deleteSession,
  findSessionWithUser,
  insertSession,
  touchSession,
} from './session.store.js';

export const sessionLifetime = {
  /** A session ends after this long without use… */
  idleMs: 7 * 24 * 3600_000,
  /** …and at the latest this long after login. */
  absoluteMs: 30 * 24 * 3600_000,
  /** last_seen_at is written at most this often, not on every request. */
  touchEveryMs: 60_000,
} as const;

function expiresAt(createdAt: number, lastSeenAt: number): number {
  return Math.min(lastSeenAt + sessionLifetime.idleMs, createdAt + sessionLifetime.absoluteMs);
}

/** Creates a session; the returned token goes into the cookie, only its hash is stored. */
export async function createSession(
  ctx: WorkspaceContext,
  userId: string,
  client: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: SessionRow }> {
  const now = ctx.clock.now();
  const token = randomToken(32);
  const session: SessionRow = {
    id: sha256Hex(token),
    user_id: userId,
    csrf_token: randomToken(32),
    created_at: now,
    expires_at: expiresAt(now, now),
    last_seen_at: now,
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 500) ?? null,
  };
  await insertSession(ctx.db, session);
  return { token, session };
}

/** The live session and active user behind a cookie token; slides the expiry. */
export async function resolveSession(
  ctx: WorkspaceContext,
  token: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const found = await findSessionWithUser(ctx.db, sha256Hex(token));
  if (!found) return undefined;
  const now = ctx.clock.now();
  const { session, user } = found;
  if (session.expires_at <= now) {
    await deleteSession(ctx.db, session.id);
    return undefined;
  }
  if (user.status !== 'active') return undefined;
  if (now - session.last_seen_at >= sessionLifetime.touchEveryMs) {
    const expires = expiresAt(session.created_at, now);
    await touchSession(ctx.db, session.id, now, expires);
    return { session: { ...session, last_seen_at: now, expires_at: expires }, user };
  }
  return found;
}

export function csrfTokenMatches(expected: string, given: string | string[] | undefined): boolean {
  return typeof given === 'string' && constantTimeEqual(expected, given);
}
