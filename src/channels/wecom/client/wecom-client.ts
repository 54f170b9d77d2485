import type { Kysely } from 'kysely';
import type { Database } from '../../../database.js';
import { createAuthenticatedCaller } from '../../shared/api-call.js';
import type { ApiRateLimits } from '../../shared/rate-limiter.js';
import type { WechatHttpSettings } from '../../shared/wechat-http.js';
import { acquisitionLinksApi } from './acquisition-links.js';
import { appMessagesApi } from './app-messages.js';
import { contactWaysApi } from './contact-ways.js';
import { corpTagsApi } from './corp-tags.js';
import { directoryApi } from './directory.js';
import { externalContactsApi } from './external-contacts.js';
import { groupChatsApi } from './group-chats.js';
import { joinWaysApi } from './join-ways.js';
import { kfApi } from './kf.js';
import { massSendApi } from './mass-send.js';
import { momentsApi } from './moments.js';
import { transfersApi } from './transfers.js';
import { welcomeApi } from './welcome.js';

export const wecomDefaultBaseUrl = 'https://qyapi.weixin.qq.com';

/**
 * APIs with a budget of their own (per corp). WeCom limits each corp to 10,000 calls a minute
 * and 150,000 an hour per API (doc 90454); the import's bulk read runs at 100 a second (6,000
 * a minute: 1,000 pages of 100 customers in 10 s) with room left for other processes. Every
 * other API shares the corp-wide `rateLimit` (default 20 a second). `apiRateLimits` in the
 * options replaces these entries (or adds others).
 */
export const wecomApiRateLimits: ApiRateLimits = {
  '/cgi-bin/externalcontact/batch/get_by_user': { perSecond: 100 },
};

/** WeCom answers 40014 (invalid) and 42001 (expired) for a token it no longer accepts. */
const tokenRejectedErrcodes = [40014, 42001];

export interface WecomClientOptions extends Omit<WechatHttpSettings, 'baseUrl'> {
  /** Where the access token is cached for every process. */
  db: Kysely<Database>;
  corpId: string;
  /** The secret of the (self-built) app whose token the calls use. */
  secret: string;
  /** The app's agent id; needed to send app messages to employees. */
  agentId?: number;
  /** Default `https://qyapi.weixin.qq.com`; the sandbox's URL in demos and tests. */
  baseUrl?: string;
  /** Refresh the token this long before it expires. Default 5 minutes. */
  tokenRefreshEarlyMs?: number;
}

/** A typed WeCom client for one corp and app; cheap to create, state lives in the database. */
export function createWecomClient(options: WecomClientOptions) {
  const { db, corpId, secret, agentId, tokenRefreshEarlyMs, ...settings } = options;
  const { api, tokens } = createAuthenticatedCaller({
    settings: {
      ...settings,
      baseUrl: options.baseUrl ?? wecomDefaultBaseUrl,
      apiRateLimits: { ...wecomApiRateLimits, ...settings.apiRateLimits },
    },
    db,
    platform: 'wecom',
    id: corpId,
    secret,
    tokenRequest: {
      method: 'GET',
      path: '/cgi-bin/gettoken',
      query: { corpid: corpId, corpsecret: secret },
    },
    tokenRejectedErrcodes,
    tokenRefreshEarlyMs,
  });
  const requireAgentId = (): number => {
    if (agentId === undefined)
      throw new Error(`WeCom client for ${corpId} has no agentId configured`);
    return agentId;
  };
  return {
    corpId,
    /** Gets a token (cached or new): succeeds only if corp id, secret and IP are accepted. */
    async verifyCredentials(): Promise<void> {
      await tokens.get();
    },
    contactWays: contactWaysApi(api),
    externalContacts: externalContactsApi(api),
    welcome: welcomeApi(api),
    corpTags: corpTagsApi(api),
    massSend: massSendApi(api),
    groupChats: groupChatsApi(api),
    joinWays: joinWaysApi(api),
    acquisitionLinks: acquisitionLinksApi(api),
    moments: momentsApi(api),
    kf: kfApi(api),
    transfers: transfersApi(api),
    directory: directoryApi(api),
    appMessages: appMessagesApi(api, requireAgentId),
  };
}

export type WecomClient = ReturnType<typeof createWecomClient>;
