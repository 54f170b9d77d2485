import { text, type DraftCheck, type Text } from './check.js';

/** Where an Official Account or a Mini Program shows its AppID and AppSecret. */
export const credentialPages = {
  oa: text('设置与开发 → 基本配置', '设置与开发 → 基本配置'),
  miniprogram: text('开发管理 → 开发设置', '开发管理 → 开发设置'),
};

export function wrongSecret(id: string, code: number, page: Text): DraftCheck {
  return {
    id,
    status: 'fail',
    title: text('The AppSecret is wrong', 'AppSecret 不正确'),
    detail: text(
      `WeChat answered ${code} (invalid appsecret): the AppSecret is wrong, was reset, or belongs to another app.`,
      `微信返回 ${code}（AppSecret 错误）：AppSecret 填写错误、已被重置，或属于其他账号。`,
    ),
    fix: text(
      `In the WeChat admin, ${page.en} → AppSecret: reset it if you do not have it, and update this connection with the new one.`,
      `在微信公众平台 ${page.zh} → AppSecret：如没有保存可重置，然后用新的 AppSecret 更新本连接。`,
    ),
  };
}

export function wrongAppId(id: string, page: Text): DraftCheck {
  return {
    id,
    status: 'fail',
    title: text('The AppID is wrong', 'AppID 不正确'),
    detail: text('WeChat answered 40013 (invalid appid).', '微信返回 40013（不合法的 AppID）。'),
    fix: text(
      `Copy the AppID from ${page.en} (it starts with wx) and connect again.`,
      `在 ${page.zh} 复制 AppID（以 wx 开头），然后重新连接。`,
    ),
  };
}
