import type { Connection } from './connection.schemas.js';

/**
 * What to do in the WeCom / WeChat admin after connecting, line by line, ending with the
 * doctor command that checks it all (shown by `siyu connect`).
 */
export function setupSteps(connection: Connection, workspace: string): string[] {
  const doctor = `  Then check everything with: siyu doctor --workspace ${workspace}`;
  switch (connection.kind) {
    case 'wecom':
      return [
        'Next steps in the WeCom admin (work.weixin.qq.com):',
        '  1. 应用管理 → 自建应用 → (your app) → 接收消息 → 设置API接收:',
        '     URL = the callback URL above; Token and EncodingAESKey = the values you just gave.',
        '  2. 客户联系 → API → 可调用接口的应用: add this app (it needs customer-contact permission);',
        '     接收事件服务器: the same URL, Token and EncodingAESKey.',
        '  3. 应用管理 → 自建应用 → (your app) → 企业可信IP: add this server’s egress IP.',
        '  4. Give the employees who talk to customers customer-contact permission (客户联系 → 权限配置).',
        doctor,
      ];
    case 'oa':
      return [
        'Next steps in the WeChat Official Account admin (mp.weixin.qq.com):',
        '  1. 设置与开发 → 基本配置 → 服务器配置 → 修改配置:',
        '     URL = the callback URL above; Token = the value you just gave;',
        `     消息加解密方式 = ${connection.encryptMode === 'safe' ? '安全模式 with the EncodingAESKey you gave' : '明文模式 (give --aes-key for 安全模式)'}; then 启用.`,
        '  2. 设置与开发 → 基本配置 → IP白名单: add this server’s egress IP.',
        doctor,
      ];
    case 'miniprogram':
      return [
        'Next steps in the Mini Program admin (mp.weixin.qq.com):',
        '  1. 开发管理 → 开发设置: keep the AppSecret you gave; resetting it there breaks this connection.',
        doctor,
      ];
  }
}
