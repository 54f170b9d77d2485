import { createWecomClient } from '../../../channels/wecom/client/wecom-client.js';
import { errcodeOf, explainFailure, wecomWords } from './api-failure.js';
import { skipped, text, type DraftCheck } from './check.js';
import type { DoctorTarget } from './doctor-target.js';
import { tokenCheck } from './token-check.js';

const titles = {
  token: text('Corp ID and Secret', '企业ID与Secret'),
  customerContact: text('Customer-contact API access', '客户联系接口权限'),
  addressBook: text('Address book visibility', '通讯录可见范围'),
};

const wrongSecret = (id: string): DraftCheck => ({
  id,
  status: 'fail',
  title: text('The Secret is wrong', 'Secret 不正确'),
  detail: text(
    'WeCom answered 40001 (invalid credential): the Secret is wrong, or it is the secret of another app (for example the address-book or customer-contact system secret).',
    '企业微信返回 40001（不合法的 secret）：Secret 填写错误，或填写的是其他应用的 secret（例如通讯录同步或客户联系的系统 secret）。',
  ),
  fix: text(
    'Copy the Secret of the self-built app from 应用管理 → 自建应用 → (your app) → Secret (查看) and update this connection.',
    '在 应用管理 → 自建应用 →（你的应用）→ Secret（查看）复制该应用的 Secret，然后更新本连接。',
  ),
});

const wrongCorpId = (id: string): DraftCheck => ({
  id,
  status: 'fail',
  title: text('The corp ID is wrong', '企业ID不正确'),
  detail: text('WeCom answered 40013 (invalid corpid).', '企业微信返回 40013（不合法的 corpid）。'),
  fix: text(
    'Copy the corp ID from 我的企业 → 企业信息 → 企业ID (it starts with ww) and connect again.',
    '在 我的企业 → 企业信息 → 企业ID 复制企业ID（以 ww 开头），然后重新连接。',
  ),
});

async function customerContactCheck(client: ReturnType<typeof createWecomClient>) {
  const id = 'wecom.customer_contact';
  const title = titles.customerContact;
  const grant = text(
    'In the WeCom admin, 客户联系 → API → 可调用接口的应用: add this self-built app. (The old system 客户联系 secret no longer works for corps created after 2023-12-01.)',
    '在企业微信管理后台 客户联系 → API → 可调用接口的应用 中添加本自建应用。（2023-12-01 之后创建的企业不能再使用旧的客户联系系统 secret。）',
  );
  try {
    const users = await client.externalContacts.listFollowUsers();
    if (users.length === 0) {
      return {
        id,
        status: 'warn',
        title,
        detail: text(
          'The app may call customer-contact APIs, but no employee has customer-contact permission.',
          '应用可以调用客户联系接口，但还没有员工拥有客户联系权限。',
        ),
        fix: text(
          'In 客户联系 → 权限配置, give the employees who serve customers customer-contact permission, and make sure the app’s visible range includes them.',
          '在 客户联系 → 权限配置 中为服务客户的员工开通客户联系权限，并确认应用的可见范围包含这些员工。',
        ),
      } satisfies DraftCheck;
    }
    return {
      id,
      status: 'ok',
      title,
      detail: text(
        `${users.length} employee(s) with customer-contact permission are visible to the app.`,
        `应用可见 ${users.length} 名拥有客户联系权限的员工。`,
      ),
      fix: null,
    } satisfies DraftCheck;
  } catch (error) {
    const code = errcodeOf(error);
    if (code === 48002 || code === 48001) {
      return {
        id,
        status: 'fail',
        title: text('The app may not call customer-contact APIs', '应用没有客户联系接口权限'),
        detail: text(
          `WeCom answered ${code} (API forbidden): this app has not been granted customer contact.`,
          `企业微信返回 ${code}（接口无权限）：该应用未被授予客户联系权限。`,
        ),
        fix: grant,
      } satisfies DraftCheck;
    }
    if (code === 60011) {
      return {
        id,
        status: 'fail',
        title: text('No privilege for customer contact', '没有客户联系的权限'),
        detail: text(
          'WeCom answered 60011 (no privilege): the app is not allowed to use customer contact, or its visible range does not cover the employees with customer-contact permission.',
          '企业微信返回 60011（无权限）：应用未被允许使用客户联系，或应用的可见范围不包含拥有客户联系权限的员工。',
        ),
        fix: text(
          `${grant.en} Then make the app’s visible range (应用管理 → 自建应用 → (your app) → 可见范围) cover those employees.`,
          `${grant.zh} 然后让应用的可见范围（应用管理 → 自建应用 →（你的应用）→ 可见范围）覆盖这些员工。`,
        ),
      } satisfies DraftCheck;
    }
    return explainFailure(id, title, error, wecomWords);
  }
}

async function addressBookCheck(client: ReturnType<typeof createWecomClient>) {
  const id = 'wecom.address_book';
  const title = titles.addressBook;
  try {
    const departments = await client.directory.departments();
    return {
      id,
      status: departments.length === 0 ? 'warn' : 'ok',
      title,
      detail: text(
        `The app sees ${departments.length} department(s).`,
        `应用可见 ${departments.length} 个部门。`,
      ),
      fix:
        departments.length === 0
          ? text(
              'Add the departments of your customer-facing employees to the app’s visible range (应用管理 → 自建应用 → (your app) → 可见范围).',
              '请把服务客户的员工所在部门加入应用的可见范围（应用管理 → 自建应用 →（你的应用）→ 可见范围）。',
            )
          : null,
    } satisfies DraftCheck;
  } catch (error) {
    if (errcodeOf(error) === 60011) {
      return {
        id,
        status: 'fail',
        title: text('The app’s visible range is too small', '应用的可见范围不足'),
        detail: text(
          'WeCom answered 60011 (no privilege to access department): the app’s visible range does not cover the departments.',
          '企业微信返回 60011（无权限访问部门）：应用的可见范围没有覆盖这些部门。',
        ),
        fix: text(
          'In 应用管理 → 自建应用 → (your app) → 可见范围, include the departments of every employee who serves customers (the root department to include everyone).',
          '在 应用管理 → 自建应用 →（你的应用）→ 可见范围 中加入所有服务客户的员工所在部门（选根部门即包含所有人）。',
        ),
      } satisfies DraftCheck;
    }
    return explainFailure(id, title, error, wecomWords);
  }
}

/** Token, customer-contact permission and address-book visibility, checked against WeCom. */
export async function wecomApiChecks(target: DoctorTarget): Promise<DraftCheck[]> {
  const client = createWecomClient({
    ...target.http,
    db: target.db,
    corpId: target.row.app_id,
    secret: target.secret,
    baseUrl: target.row.api_base_url,
    ...(target.row.agent_id === null ? {} : { agentId: target.row.agent_id }),
  });
  const id = 'wecom.token';
  const token = await tokenCheck({
    id,
    title: titles.token,
    words: wecomWords,
    verify: () => client.verifyCredentials(),
    explain: (code) =>
      code === 40001 ? wrongSecret(id) : code === 40013 ? wrongCorpId(id) : undefined,
  });
  if (token.status !== 'ok') {
    const because = text('no access token', '未能获取 access_token');
    return [
      token,
      skipped('wecom.customer_contact', titles.customerContact, because),
      skipped('wecom.address_book', titles.addressBook, because),
    ];
  }
  return [token, await customerContactCheck(client), await addressBookCheck(client)];
}
