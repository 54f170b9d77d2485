import type { CallbackUrlWarning } from '../connection.schemas.js';
import type { ConnectionRow } from '../connection.table.js';
import { text, type DraftCheck, type Text } from './check.js';

export interface CallbackFacts {
  row: ConnectionRow;
  url: string;
  warning: CallbackUrlWarning | null;
  now: number;
}

const where: Record<'wecom' | 'oa', Text> = {
  wecom: text(
    'In the WeCom admin, 应用管理 → 自建应用 → (your app) → 接收消息 → 设置API接收, and 客户联系 → API → 接收事件服务器',
    '在企业微信管理后台：应用管理 → 自建应用 →（你的应用）→ 接收消息 → 设置API接收，以及 客户联系 → API → 接收事件服务器',
  ),
  oa: text(
    'In the WeChat admin, 设置与开发 → 基本配置 → 服务器配置',
    '在微信公众平台：设置与开发 → 基本配置 → 服务器配置',
  ),
};

const warningText: Record<CallbackUrlWarning['code'], Text> = {
  not_https: text(
    'the URL is not https: set SIYU_PUBLIC_URL to an https address on an ICP-filed domain of your enterprise',
    '该地址不是 https：请把 SIYU_PUBLIC_URL 设置为本企业已备案域名的 https 地址',
  ),
  local_address: text(
    'the WeChat servers cannot reach this host: set SIYU_PUBLIC_URL to the public https address of this installation',
    '微信服务器无法访问该主机：请把 SIYU_PUBLIC_URL 设置为本系统的公网 https 地址',
  ),
};

const ago = (ms: number) => {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return text(`${minutes} min ago`, `${minutes} 分钟前`);
  const hours = Math.round(minutes / 60);
  return hours < 48
    ? text(`${hours} h ago`, `${hours} 小时前`)
    : text(`${Math.round(hours / 24)} days ago`, `${Math.round(hours / 24)} 天前`);
};

/** Has the platform verified the callback URL, and do callbacks arrive? Read from the database. */
export function callbackCheck(facts: CallbackFacts): DraftCheck {
  const { row, url, warning, now } = facts;
  const kind = row.kind === 'wecom' ? 'wecom' : 'oa';
  const id = `${kind}.callback`;
  const problem = warning && warningText[warning.code];
  const urlWarning = problem
    ? text(` Warning: ${problem.en}.`, ` 注意：${problem.zh}。`)
    : text('', '');
  if (row.callback_verified_at === null) {
    const secrets =
      row.encrypt_mode === 'safe'
        ? text('Token and EncodingAESKey', 'Token 与 EncodingAESKey ')
        : text(
            'Token (plaintext mode: no EncodingAESKey)',
            'Token（明文模式，无需 EncodingAESKey）',
          );
    return {
      id,
      status: 'fail',
      title: text('The callback URL has never been verified', '回调地址从未通过验证'),
      detail: text(
        `No URL verification request has reached ${url} yet, so no events (new customers, follows, messages) can arrive.${urlWarning.en}`,
        `${url} 还没有收到过 URL 验证请求，因此无法收到任何事件（新客户、关注、消息）。${urlWarning.zh}`,
      ),
      fix: text(
        `${where[kind].en}: enter URL ${url} with exactly the ${secrets.en} stored in this connection, and save. The URL must be on an ICP-filed domain that belongs to your enterprise, reachable from the internet over ${kind === 'oa' ? 'port 80 or 443' : 'http(s)'}, and must answer within 1 second.`,
        `${where[kind].zh}：填写 URL ${url}，${secrets.zh}必须与本连接保存的一致，然后保存。该 URL 必须使用属于本企业且已备案的域名，可从公网访问${kind === 'oa' ? '（80 或 443 端口）' : ''}，并在 1 秒内响应。`,
      ),
    };
  }
  const verified = ago(now - row.callback_verified_at);
  if (row.last_callback_at === null) {
    return {
      id,
      status: 'warn',
      title: text(
        'Callback URL verified; no callback received yet',
        '回调地址已验证，但尚未收到回调',
      ),
      detail: text(
        `The platform verified ${url} ${verified.en}, but no event has arrived since.${urlWarning.en}`,
        `平台已于${verified.zh}验证 ${url}，但之后还没有收到任何事件。${urlWarning.zh}`,
      ),
      fix: text(
        kind === 'wecom'
          ? 'Add a test customer as an employee, or change a customer tag, and run the doctor again. Make sure 客户联系 → API → 接收事件服务器 uses the same URL.'
          : 'Follow the Official Account with a test WeChat account and run the doctor again.',
        kind === 'wecom'
          ? '用员工账号添加一个测试客户或修改客户标签，然后重新运行诊断。请确认 客户联系 → API → 接收事件服务器 使用的是同一个 URL。'
          : '用测试微信号关注公众号，然后重新运行诊断。',
      ),
    };
  }
  const last = ago(now - row.last_callback_at);
  return {
    id,
    status: problem ? 'warn' : 'ok',
    title: text('Callbacks arrive', '回调正常接收'),
    detail: text(
      `URL verified ${verified.en}; last callback ${last.en}.${urlWarning.en}`,
      `URL 于${verified.zh}验证；最近一次回调在${last.zh}。${urlWarning.zh}`,
    ),
    fix: problem ?? null,
  };
}
