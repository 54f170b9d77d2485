import { isWechatApiError } from '../../channels/shared/api-errors.js';
import { AppError } from '../../platform/http/errors.js';
import { resolveIdentities } from './identity.service.js';
import type { PeopleContext } from './people.context.js';
import { recordPersonEvents } from './timeline.service.js';

export interface MiniProgramLogin {
  personId: string;
  openId: string;
  unionId: string | null;
  /** A new person was created for this user. */
  created: boolean;
}

/** A WeChat failure of `code2session` as the API error the Mini Program backend can act on. */
function loginError(error: unknown): unknown {
  if (!isWechatApiError(error)) return error;
  const details = { errcode: error.errcode };
  switch (error.kind) {
    case 'invalid_code':
      return new AppError(
        'invalid_login_code',
        'The login code is invalid, expired or already used; call wx.login() again',
        details,
      );
    case 'rate_limited':
      return new AppError(
        'too_many_requests',
        'WeChat limits logins of this user; retry in a minute',
        details,
      );
    case 'risky_user':
      return new AppError('login_refused', 'WeChat flagged this user as high-risk', details);
    default:
      return error;
  }
}

/**
 * Logs a Mini Program user in: exchanges the `wx.login()` code with WeChat (`code2session`),
 * then finds or creates the person by mp_openid (namespace: the appid) and unionid (joining
 * the WeCom / Official Account person of the same unionid). The session key never leaves the
 * server (it is not even stored). Records an `miniprogram.login` timeline event.
 */
export async function loginWithMiniProgramCode(
  ctx: PeopleContext,
  workspaceId: string,
  input: { code: string; appId?: string | undefined },
): Promise<MiniProgramLogin> {
  const client = await ctx.clients.requireMiniProgram(workspaceId, input.appId);
  let session;
  try {
    session = await client.codeToSession(input.code);
  } catch (error) {
    throw loginError(error);
  }
  const occurredAt = ctx.clock.now();
  const identities = [
    { kind: 'mp_openid', namespace: client.appId, value: session.openId },
    ...(session.unionId ? [{ kind: 'unionid', value: session.unionId }] : []),
  ];
  return ctx.jobs.transaction(async (trx) => {
    const resolution = await resolveIdentities(trx, ctx, workspaceId, identities, {
      source: 'miniprogram',
      occurredAt,
      event: { type: 'miniprogram.login' },
    });
    if (!resolution.personId || !resolution.homePersonId) {
      // WeChat answered without a usable openid: not something the caller can fix.
      throw new Error('code2session answered without a usable openid');
    }
    await recordPersonEvents(trx, ctx, workspaceId, [
      {
        personId: resolution.homePersonId,
        type: 'miniprogram.login',
        source: 'miniprogram',
        occurredAt,
        properties: { appId: client.appId },
      },
    ]);
    return {
      personId: resolution.personId,
      openId: session.openId,
      unionId: session.unionId,
      created: resolution.created,
    };
  });
}
