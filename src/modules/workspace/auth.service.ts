import { AppError } from '../../platform/http/errors.js';
import type { Actor } from './actor.js';
import { clearLoginFailures, loginRetryAfterMs, recordLoginFailure } from './login-throttle.js';
import { listActiveWorkspacesOfUser } from './membership.store.js';
import { hashPassword, passwordDecoyHash, verifyPassword } from './password.js';
import { deleteExpiredSessions, deleteSession, deleteSessionsOfUser } from './session.store.js';
import { createSession } from './session.service.js';
import { findUserByEmail, findUserById, normalizeEmail, updateUser } from './user.store.js';
import type { WorkspaceContext } from './workspace.context.js';
import { userRowToUser, userWorkspaceToSummary } from './workspace.mapping.js';
import type { SessionInfo, User } from './workspace.schemas.js';
import type { Locale, UserRow } from './workspace.table.js';

/** A refused login: the client may retry after `retryAfterSeconds`. */
export class LoginThrottledError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('too_many_requests', 'Too many failed logins; try again later', { retryAfterSeconds });
  }
}

export async function sessionInfo(
  ctx: WorkspaceContext,
  user: UserRow,
  csrfToken: string,
): Promise<SessionInfo> {
  const workspaces = await listActiveWorkspacesOfUser(ctx.db, user.id);
  return {
    user: userRowToUser(user),
    workspaces: workspaces.map(userWorkspaceToSummary),
    csrfToken,
  };
}

/**
 * Checks the credentials and opens a session. Unknown email, wrong password and disabled
 * account all answer the same `invalid_credentials`, in about the same time.
 */
export async function login(
  ctx: WorkspaceContext,
  input: { email: string; password: string; ip: string; userAgent: string | null },
): Promise<{ token: string; info: SessionInfo }> {
  const email = normalizeEmail(input.email);
  const key = { email, ip: input.ip };
  const waitMs = await loginRetryAfterMs(ctx.db, key, ctx.clock.now());
  if (waitMs > 0) throw new LoginThrottledError(Math.ceil(waitMs / 1000));

  const user = await findUserByEmail(ctx.db, email);
  const matches = await verifyPassword(
    input.password,
    user?.password_hash ?? (await passwordDecoyHash()),
  );
  if (!user || !matches || user.status !== 'active') {
    await recordLoginFailure(ctx.db, key, ctx.clock.now());
    throw new AppError('invalid_credentials', 'Email or password is incorrect');
  }
  const now = ctx.clock.now();
  const { token, session } = await ctx.db.transaction().execute(async (trx) => {
    await clearLoginFailures(trx, email);
    // Sweeping ended sessions here keeps the table small without a background job.
    await deleteExpiredSessions(trx, now);
    await updateUser(trx, user.id, { last_login_at: now });
    return createSession({ ...ctx, db: trx }, user.id, {
      ip: input.ip,
      userAgent: input.userAgent,
    });
  });
  return { token, info: await sessionInfo(ctx, user, session.csrf_token) };
}

export function logout(ctx: WorkspaceContext, sessionId: string): Promise<void> {
  return deleteSession(ctx.db, sessionId);
}

type UserActor = Extract<Actor, { type: 'user' }>;

/** Updates the caller's own profile; a password change signs out their other sessions. */
export async function updateOwnProfile(
  ctx: WorkspaceContext,
  actor: UserActor,
  input: { name?: string; locale?: Locale; currentPassword?: string; newPassword?: string },
): Promise<User> {
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw new AppError('unauthenticated', 'Not signed in');
  let passwordHash: string | undefined;
  if (input.newPassword !== undefined) {
    const ok =
      input.currentPassword !== undefined &&
      (await verifyPassword(input.currentPassword, user.password_hash));
    if (!ok) {
      throw new AppError('validation_failed', 'The current password is incorrect', [
        { path: 'body/currentPassword', message: 'The current password is incorrect' },
      ]);
    }
    passwordHash = await hashPassword(input.newPassword);
  }
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(passwordHash !== undefined ? { password_hash: passwordHash } : {}),
  };
  if (Object.keys(changes).length === 0) return userRowToUser(user);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, user.id, { ...changes, updated_at: ctx.clock.now() });
    if (passwordHash) await deleteSessionsOfUser(trx, user.id, actor.sessionId);
  });
  return userRowToUser({ ...user, ...changes });
}
