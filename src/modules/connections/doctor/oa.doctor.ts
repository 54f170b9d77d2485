import { createOaClient } from '../../../channels/oa/client/oa-client.js';
import { errcodeOf, explainFailure, wechatWords } from './api-failure.js';
import { skipped, text, type DraftCheck } from './check.js';
import type { DoctorTarget } from './doctor-target.js';
import { tokenCheck } from './token-check.js';
import { credentialPages, wrongAppId, wrongSecret } from './wechat-credentials.js';

const titles = {
  token: text('AppID and AppSecret', 'AppID 与 AppSecret'),
  menu: text('Verified account (menu API)', '微信认证（自定义菜单接口）'),
};

async function menuCheck(client: ReturnType<typeof createOaClient>): Promise<DraftCheck> {
  const id = 'oa.menu';
  try {
    const menu = await client.menu.get();
    return {
      id,
      status: 'ok',
      title: titles.menu,
      detail: text(
        menu.length === 0
          ? 'The account may use the menu API (no custom menu yet).'
          : `The account may use the menu API (${menu.length} top-level button(s)).`,
        menu.length === 0
          ? '该账号可以使用自定义菜单接口（尚未设置菜单）。'
          : `该账号可以使用自定义菜单接口（${menu.length} 个一级菜单）。`,
      ),
      fix: null,
    };
  } catch (error) {
    if (errcodeOf(error) === 48001) {
      return {
        id,
        status: 'fail',
        title: text('The account is not verified', '账号未完成微信认证'),
        detail: text(
          'WeChat answered 48001 (api unauthorized): the Official Account is not verified (微信认证) or is a personal subscription account. Menus, parametric QR codes, user info and template messages need a verified service account.',
          '微信返回 48001（接口未授权）：公众号未完成微信认证，或为个人订阅号。自定义菜单、带参数二维码、用户信息和模板消息都需要已认证的服务号。',
        ),
        fix: text(
          'Complete 微信认证 in 设置与开发 → 微信认证 (a verified service account is recommended).',
          '请在 设置与开发 → 微信认证 中完成认证（推荐使用已认证的服务号）。',
        ),
      };
    }
    return explainFailure(id, titles.menu, error, wechatWords);
  }
}

/** Token and API authorisation, checked against WeChat. */
export async function oaApiChecks(target: DoctorTarget): Promise<DraftCheck[]> {
  const client = createOaClient({
    ...target.http,
    db: target.db,
    appId: target.row.app_id,
    secret: target.secret,
    baseUrl: target.row.api_base_url,
  });
  const id = 'oa.token';
  const token = await tokenCheck({
    id,
    title: titles.token,
    words: wechatWords,
    verify: () => client.verifyCredentials(),
    explain: (code) => {
      if (code === 40001 || code === 40125) return wrongSecret(id, code, credentialPages.oa);
      return code === 40013 ? wrongAppId(id, credentialPages.oa) : undefined;
    },
  });
  if (token.status !== 'ok') {
    return [
      token,
      skipped('oa.menu', titles.menu, text('no access token', '未能获取 access_token')),
    ];
  }
  return [token, await menuCheck(client)];
}
