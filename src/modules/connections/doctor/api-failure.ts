import { WechatApiError } from '../../../channels/shared/api-errors.js';
import { text, type DraftCheck, type Text } from './check.js';

/** Where a platform keeps its trusted-IP list, and what the platform is called. */
export interface PlatformWords {
  name: Text;
  ipAllowList: Text;
}

export const wecomWords: PlatformWords = {
  name: text('WeCom', '企业微信'),
  ipAllowList: text(
    'the WeCom admin: 应用管理 → 自建应用 → (your app) → 企业可信IP',
    '企业微信管理后台：应用管理 → 自建应用 →（你的应用）→ 企业可信IP',
  ),
};

export const wechatWords: PlatformWords = {
  name: text('WeChat', '微信'),
  ipAllowList: text(
    'the WeChat admin: 设置与开发 → 基本配置 → IP白名单',
    '微信公众平台：设置与开发 → 基本配置 → IP白名单',
  ),
};

const codeOf = (error: WechatApiError) =>
  error.errcode === null ? error.errmsg : `${error.errcode} ${error.errmsg}`;

/**
 * The doctor's reading of failures that mean the same on every API: the server's IP is not
 * trusted, the platform cannot be reached, limits, anything unknown. Specific checks handle
 * their own errcodes first and fall back to this.
 */
export function explainFailure(
  id: string,
  title: Text,
  error: unknown,
  words: PlatformWords,
): DraftCheck {
  if (!(error instanceof WechatApiError)) throw error;
  const said = codeOf(error);
  switch (error.kind) {
    case 'ip_not_allowed': {
      // WeCom says "from ip: x"; WeChat says "invalid ip x … not in whitelist".
      const seen = error.fromIp ?? /invalid ip ([0-9a-f.:]+)/i.exec(error.errmsg)?.[1];
      const ip = seen ?? '(see the error message)';
      const ipZh = seen ?? '（见错误信息）';
      return {
        id,
        status: 'fail',
        title: text("This server's IP address is not trusted", '本服务器的IP不在可信IP列表中'),
        detail: text(
          `${words.name.en} refused the call from IP ${ip} (${said}).`,
          `${words.name.zh}拒绝了来自 IP ${ipZh} 的调用（${said}）。`,
        ),
        fix: text(
          `Add ${ip} to ${words.ipAllowList.en}. If the server's egress IP changes, add every address it uses.`,
          `把 ${ipZh} 加入${words.ipAllowList.zh}。如果服务器出口IP会变化，请加入全部出口IP。`,
        ),
      };
    }
    case 'unavailable':
      return {
        id,
        status: 'warn',
        title,
        detail: text(
          `Could not reach ${words.name.en} (${said}).`,
          `无法连接${words.name.zh}（${said}）。`,
        ),
        fix: text(
          "Check this server's outbound internet access (DNS, firewall, proxy) and the connection's API base URL, then run the doctor again.",
          '请检查本服务器的外网访问（DNS、防火墙、代理）和连接的 API 地址，然后重新运行诊断。',
        ),
      };
    case 'rate_limited':
      return {
        id,
        status: 'warn',
        title,
        detail: text(
          `${words.name.en} is limiting calls right now (${said}).`,
          `${words.name.zh}当前限制了调用频率（${said}）。`,
        ),
        fix: text('Wait a minute and run the doctor again.', '请等待一分钟后重新运行诊断。'),
      };
    default:
      return {
        id,
        status: 'fail',
        title,
        detail: text(`${words.name.en} answered ${said}.`, `${words.name.zh}返回了 ${said}。`),
        fix: text(
          `Look the code up in the ${words.name.en} error-code documentation.`,
          `请在${words.name.zh}的全局错误码文档中查询该错误码。`,
        ),
      };
  }
}

/** The errcode of a WechatApiError, or undefined for anything else. */
export const errcodeOf = (error: unknown): number | null | undefined =>
  error instanceof WechatApiError ? error.errcode : undefined;
