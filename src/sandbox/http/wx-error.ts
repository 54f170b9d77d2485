/**
 * Errors as the platforms answer them: HTTP 200 with `{"errcode": n, "errmsg": "…"}`.
 * Messages follow the platforms' wording; clients must switch on errcode only.
 */

export class WxError extends Error {
  constructor(
    readonly errcode: number,
    readonly detail?: string,
  ) {
    super(`errcode ${errcode}${detail ? `: ${detail}` : ''}`);
    this.name = 'WxError';
  }
}

export const wecomMessages: Readonly<Record<number, string>> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40003: 'invalid userid',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40050: 'chatid not found',
  40056: 'invalid agentid',
  40058: 'invalid Parameter',
  40068: 'invalid tagid',
  40071: 'UserTag Name Already Exist',
  40096: 'invalid external userid',
  40097: 'user is not resigned',
  40100: 'external contact is already in transfer',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41051: 'externalcontact welcome code is invalid or has been used',
  42001: 'access_token expired',
  45009: 'api freq out of limit',
  45011: 'api minute-quota reach limit, must slower, retry next minute',
  45033: 'api concurrent out of limit',
  47001: 'data format error',
  48002: 'api forbidden',
  60011: 'no privilege to access/modify contact/party/agent',
  60020: 'not allow to access from your ip',
  60111: 'userid not found',
  60123: 'invalid party id',
  81013: 'user & party & tag all invalid',
  84061: 'not external contact',
  84074: 'no external contact privilege',
  86001: 'invalid chat_id',
  86006: 'group member count exceeds limit',
  95000: 'invalid open_kfid',
  95001: 'send msg count limit',
  95007: 'invalid msg token',
};

export const wechatMessages: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40035: 'invalid args',
  40037: 'invalid template_id',
  40053: 'invalid action info',
  40125: 'invalid appsecret',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  43004: 'require subscribe',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit, must slower, retry next minute',
  45015: 'response out of time limit or subscription is canceled',
  45047: 'out of response count limit',
  46003: 'menu no exist',
  47001: 'data format error',
  48001: 'api unauthorized',
};

export type Platform = 'wecom' | 'wechat';

/** The errmsg text, with the hint/rid suffix each platform appends. */
export function errmsgFor(
  platform: Platform,
  error: WxError,
  context: { nowMs: number; ip: string; random: Buffer },
): string {
  const table = platform === 'wecom' ? wecomMessages : wechatMessages;
  const base = `${table[error.errcode] ?? 'unknown error'}${error.detail ? `: ${error.detail}` : ''}`;
  if (platform === 'wecom') {
    const seconds = Math.floor(context.nowMs / 1000);
    const hint = `${seconds}_${context.random[0]! % 100}_${context.random.toString('hex').slice(0, 32)}`;
    return `${base}, hint: [${hint}], from ip: ${context.ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${error.errcode}`;
  }
  const hex = context.random.toString('hex');
  return `${base} rid: ${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}
