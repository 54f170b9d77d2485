import type { Kysely } from 'kysely';
import type { Database } from '../../../database.js';
import { createAuthenticatedCaller } from '../../shared/api-call.js';
import type { WechatHttpSettings } from '../../shared/wechat-http.js';
import { menuApi } from './menu.js';
import { oaMessagesApi } from './messages.js';
import { qrCodesApi } from './qrcodes.js';
import { usersApi } from './users.js';

export const wechatDefaultBaseUrl = 'https://api.weixin.qq.com';

/** On the Official Account, 40001 also means "this access token is not valid (any more)". */
const tokenRejectedErrcodes = [40001, 40014, 42001];

export interface OaClientOptions extends Omit<WechatHttpSettings, 'baseUrl'> {
  /** Where the access token is cached for every process. */
  db: Kysely<Database>;
  appId: string;
  /** The AppSecret. */
  secret: string;
  /** Default `https://api.weixin.qq.com`; the sandbox's URL in demos and tests. */
  baseUrl?: string;
  /** Refresh the token this long before it expires. Default 5 minutes. */
  tokenRefreshEarlyMs?: number;
}

/** A typed Official Account client; cheap to create, state lives in the database. */
export function createOaClient(options: OaClientOptions) {
  const { db, appId, secret, tokenRefreshEarlyMs, ...settings } = options;
  const { api, tokens } = createAuthenticatedCaller({
    settings: { ...settings, baseUrl: options.baseUrl ?? wechatDefaultBaseUrl },
    db,
    platform: 'oa',
    id: appId,
    secret,
    tokenRequest: {
      method: 'GET',
      path: '/cgi-bin/token',
      query: { grant_type: 'client_credential', appid: appId, secret },
    },
    tokenRejectedErrcodes,
    tokenRefreshEarlyMs,
  });
  return {
    appId,
    /** Gets a token (cached or new): succeeds only if app id, secret and IP are accepted. */
    async verifyCredentials(): Promise<void> {
      await tokens.get();
    },
    qrCodes: qrCodesApi(api),
    users: usersApi(api),
    messages: oaMessagesApi(api),
    menu: menuApi(api),
  };
}

export type OaClient = ReturnType<typeof createOaClient>;
