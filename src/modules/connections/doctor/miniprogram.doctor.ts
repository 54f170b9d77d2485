import { createMiniProgramClient } from '../../../channels/miniprogram/miniprogram-client.js';
import { errcodeOf, explainFailure, wechatWords } from './api-failure.js';
import { text, type DraftCheck } from './check.js';
import type { DoctorTarget } from './doctor-target.js';
import { credentialPages, wrongAppId, wrongSecret } from './wechat-credentials.js';

/** A login code no user ever had: the platform checks AppID and secret before the code. */
const probeCode = 'siyu-doctor-probe-not-a-real-code';

/**
 * Mini Programs have no cheap authenticated read, so the doctor logs in with a code that
 * cannot be valid: 40029 (invalid code) proves the AppID and AppSecret were accepted.
 */
export async function miniProgramApiChecks(target: DoctorTarget): Promise<DraftCheck[]> {
  const id = 'miniprogram.credentials';
  const title = text('AppID and AppSecret', 'AppID 与 AppSecret');
  const client = createMiniProgramClient({
    ...target.http,
    appId: target.row.app_id,
    secret: target.secret,
    baseUrl: target.row.api_base_url,
  });
  const accepted: DraftCheck = {
    id,
    status: 'ok',
    title,
    detail: text(
      'WeChat accepted the AppID and AppSecret (a test login was refused only for its made-up code).',
      '微信接受了 AppID 与 AppSecret（测试登录仅因编造的 code 被拒绝）。',
    ),
    fix: null,
  };
  try {
    await client.codeToSession(probeCode);
    return [accepted];
  } catch (error) {
    const code = errcodeOf(error);
    if (code === 40029 || code === 40163) return [accepted];
    if (code === 40125 || code === 40001)
      return [wrongSecret(id, code, credentialPages.miniprogram)];
    if (code === 40013) return [wrongAppId(id, credentialPages.miniprogram)];
    return [explainFailure(id, title, error, wechatWords)];
  }
}
