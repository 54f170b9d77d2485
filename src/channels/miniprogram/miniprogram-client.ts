import { createApiCaller } from '../shared/api-call.js';
import { WechatHttp, type WechatHttpSettings } from '../shared/wechat-http.js';
import { orNull } from '../shared/wire.js';

export const miniProgramDefaultBaseUrl = 'https://api.weixin.qq.com';

export interface MiniProgramClientOptions extends Omit<WechatHttpSettings, 'baseUrl'> {
  appId: string;
  /** The AppSecret. */
  secret: string;
  /** Default `https://api.weixin.qq.com`; the sandbox's URL in demos and tests. */
  baseUrl?: string;
}

/** Who logged in. The session key decrypts the user's encrypted data: keep it server-side. */
export interface MiniProgramSession {
  openId: string;
  sessionKey: string;
  /** Present when the mini program is bound to an open-platform account. */
  unionId: string | null;
}

/** A typed Mini Program client (server-side login; needs no access token). */
export function createMiniProgramClient(options: MiniProgramClientOptions) {
  const { appId, secret, ...settings } = options;
  const http = new WechatHttp({
    ...settings,
    baseUrl: options.baseUrl ?? miniProgramDefaultBaseUrl,
    // Logins come from many users at once; the platform limits each user, not the app, here.
    rateLimit: settings.rateLimit ?? { perSecond: 200 },
    rateLimitKey: `miniprogram:${appId}`,
    tokenRejectedErrcodes: [],
  });
  const api = createApiCaller(http);
  return {
    appId,
    /**
     * Exchanges a `wx.login()` code for the user's session. Expected failures: kind
     * `invalid_code` (40029 invalid, 40163 already used), `rate_limited` (45011, 100 per minute
     * per user) and `risky_user` (40226). A code works once, so a timeout is not retried.
     */
    async codeToSession(jsCode: string): Promise<MiniProgramSession> {
      const res = await api.get<{ openid?: string; session_key?: string; unionid?: string }>(
        '/sns/jscode2session',
        { appid: appId, secret, js_code: jsCode, grant_type: 'authorization_code' },
        { sideEffect: true },
      );
      return {
        openId: res.openid ?? '',
        sessionKey: res.session_key ?? '',
        unionId: orNull(res.unionid),
      };
    },
  };
}

export type MiniProgramClient = ReturnType<typeof createMiniProgramClient>;
