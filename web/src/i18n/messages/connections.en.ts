import type { connectionsZhCN } from './connections.zhCN';

/** Settings → Connections, in English (same keys as the Chinese). */
export const connectionsEn: Record<keyof typeof connectionsZhCN, string> = {
  'connections.intro':
    'Connect WeCom, Official Accounts and Mini Programs to Siyu. Credentials are stored encrypted and never shown again; the callback URL goes into the WeCom or WeChat admin.',
  'connections.readOnly': 'You can view connections but you cannot manage them.',
  'connections.add': 'Add connection',
  'connections.empty': 'No connections yet. Add WeCom first, then follow the callback setup.',
  'connections.kind.wecom': 'WeCom',
  'connections.kind.oa': 'Official Account',
  'connections.kind.miniprogram': 'Mini Program',
  'connections.col.name': 'Name',
  'connections.col.appId': 'Corp ID / AppID',
  'connections.col.status': 'Status',
  'connections.col.callback': 'Callback check',
  'connections.col.lastCallback': 'Last callback',
  'connections.col.actions': 'Actions',
  'connections.agentIdValue': 'AgentId {id}',
  'connections.status.active': 'Active',
  'connections.status.disabled': 'Disabled',
  'connections.sandboxTag': 'Sandbox',
  'connections.callback.none': 'Not needed',
  'connections.callback.notVerified': 'Not verified yet',
  'connections.callback.verifiedAt': 'Verified {time}',
  'connections.callback.noneYet': 'None yet',
  'connections.setupGuide': 'Setup guide',
  'connections.edit': 'Edit',
  'connections.delete': 'Delete',
  'connections.confirmDelete': 'Delete the connection “{name}”?',
  'connections.confirmDeleteHint': 'Its credentials are erased and callbacks to it are refused.',
  'connections.deleted': 'Deleted the connection “{name}”',
  'connections.created': 'Added the connection “{name}”',
  'connections.saved': 'Saved',
  'connections.wecomExists': 'This workspace already has a WeCom connection; edit it instead',
  'connections.appIdExists': 'This AppID is already connected to this workspace',
  'connections.copy': 'Copy {what}',
  'connections.copied': 'Copied',
  'connections.encrypt.safe': 'Safe mode (安全模式)',
  'connections.encrypt.plaintext': 'Plaintext mode (明文模式)',

  'connections.form.createTitle': 'Add {kind}',
  'connections.form.editTitle': 'Edit “{name}”',
  'connections.form.connect': 'Save and get the callback URL',
  'connections.form.intro.wecom':
    'Have a self-built app ready in the WeCom admin. Saving shows the callback URL; paste it with the Token and EncodingAESKey below into the app’s “Receive messages” settings.',
  'connections.form.intro.oa':
    'Use a verified Service Account. Saving shows the callback URL; paste it with the Token (and EncodingAESKey) into “Server configuration” in the WeChat admin.',
  'connections.form.intro.miniprogram':
    'A Mini Program needs only its AppID and AppSecret, to recognise signed-in users; there is no callback URL.',
  'connections.form.editIntro':
    'Leave a credential empty to keep it; type a new one to replace it. The callback URL does not change.',
  'connections.form.corpId': 'Corp ID',
  'connections.form.corpIdHint': 'Admin → My company → Company info → Corp ID; it starts with ww.',
  'connections.form.corpIdRequired': 'Please enter the corp ID',
  'connections.form.corpIdInvalid':
    'A corp ID is “ww” (“wx” for older corps) followed by 16 letters or digits',
  'connections.form.appId': 'AppID',
  'connections.form.appIdHint.oa':
    'WeChat admin → Settings & development → Basic configuration → Developer ID (AppID); it starts with wx.',
  'connections.form.appIdHint.miniprogram':
    'Mini Program admin → Development → Development settings → AppID; it starts with wx.',
  'connections.form.appIdRequired': 'Please enter the AppID',
  'connections.form.appIdInvalid': 'An AppID is “wx” followed by 16 letters or digits',
  'connections.form.agentId': 'AgentId',
  'connections.form.agentIdHint': 'App management → Self-built → your app → AgentId (a number).',
  'connections.form.agentIdInvalid': 'The AgentId is a positive whole number, e.g. 1000002',
  'connections.form.secret': 'Secret',
  'connections.form.secretHint.wecom':
    'The self-built app’s Secret (app page → Secret → View; WeCom sends it to you).',
  'connections.form.secretHint.oa':
    'Basic configuration → Developer password (AppSecret). Update it here whenever you reset it there.',
  'connections.form.secretHint.miniprogram':
    'Development settings → AppSecret. Update it here whenever you reset it there.',
  'connections.form.secretCurrent': 'Current: {masked}. Leave empty to keep it.',
  'connections.form.secretRequired': 'Please enter the secret',
  'connections.form.secretInvalid': 'A secret is 16 to 128 letters, digits, “-” or “_”',
  'connections.form.token': 'Token',
  'connections.form.tokenHint':
    'You choose it; it must match the Token in the admin’s callback settings. Use “Generate” for a random one.',
  'connections.form.tokenRequired': 'Please enter or generate a Token',
  'connections.form.tokenInvalid': 'The Token is 3 to 32 letters or digits',
  'connections.form.aesKey': 'EncodingAESKey',
  'connections.form.aesKeyHint':
    'The message encryption key: 43 letters or digits, the same as in the admin. Use “Generate” for a random one.',
  'connections.form.aesKeyRequired': 'Please enter or generate an EncodingAESKey',
  'connections.form.aesKeyInvalid': 'The EncodingAESKey must be exactly 43 letters or digits',
  'connections.form.generate': 'Generate',
  'connections.form.keepHint': 'Leave empty to keep it',
  'connections.form.encryptMode': 'Message encryption',
  'connections.form.encryptModeHint':
    'The mode chosen under “Server configuration” in the WeChat admin. Safe mode is recommended.',
  'connections.form.displayName': 'Display name',
  'connections.form.displayNameHint': 'Optional, e.g. “Head office WeCom”',
  'connections.form.displayNameTooLong': 'The name can have at most 100 characters',
  'connections.form.enabled': 'Enabled',
  'connections.form.advanced': 'Advanced',
  'connections.form.apiBaseUrl': 'API base URL',
  'connections.form.apiBaseUrlHint':
    'Leave empty for the real WeChat APIs. Enter the built-in sandbox’s address (e.g. http://127.0.0.1:3001) to try Siyu without a real WeCom corp.',
  'connections.form.apiBaseUrlInvalid': 'Enter an address starting with http:// or https://',
  'connections.form.rejected': 'The server did not accept this value; check its format',

  'connections.setup.title': 'Set up callbacks for “{name}”',
  'connections.setup.callbackUrl': 'Callback URL',
  'connections.setup.notShown':
    'Not shown again, for safety: use the value you entered when adding the connection. Forgot it? Edit the connection and generate a new one.',
  'connections.setup.freshNote':
    'The values below are shown this once: copy them into the admin now. Siyu keeps them encrypted.',
  'connections.setup.noCallback':
    'Mini Programs have no callback URL: saving the AppID and AppSecret is all it takes.',
  'connections.setup.waiting':
    'The platform has not verified the URL yet: once you save the callback settings in the admin, the time shows here.',
  'connections.setup.stepsTitle': 'Steps in the admin console',
  'connections.setup.done': 'Done',
  'connections.warning.local_address':
    'The callback URL is a local or private address the WeChat servers cannot reach',
  'connections.warning.not_https': 'The callback URL is not https',
  'connections.warning.hint':
    'Set SIYU_PUBLIC_URL to the public https address of this installation (an ICP-filed domain of your company), then copy the callback URL. With the built-in sandbox you can ignore this.',

  'connections.steps.wecom.app.title': 'Open the self-built app',
  'connections.steps.wecom.app.text':
    'Sign in to the WeCom admin (work.weixin.qq.com) → App management (应用管理) → Self-built (自建), open the app for Siyu and note its AgentId and Secret.',
  'connections.steps.wecom.receive.title': 'Set up “Receive messages”',
  'connections.steps.wecom.receive.text':
    'On the app page → Receive messages (接收消息) → Set API receiving (设置API接收): paste the callback URL, Token and EncodingAESKey above and save. WeCom calls the URL at once to verify it.',
  'connections.steps.wecom.contact.title': 'Allow customer contact',
  'connections.steps.wecom.contact.text':
    'Customers & partners (客户与上下游) → Customer contact (客户联系) → Customers → API: add the app to “Apps that can call the API” (可调用接口的应用), and enter the same URL, Token and EncodingAESKey under “Event receiving server” (接收事件服务器).',
  'connections.steps.wecom.ip.title': 'Add the trusted IP',
  'connections.steps.wecom.ip.text':
    'App page → Trusted corporate IPs (企业可信IP): add this server’s public egress IP, or API calls are refused (error 60020).',
  'connections.steps.wecom.employees.title': 'Give employees customer contact',
  'connections.steps.wecom.employees.text':
    'Customer contact → Permissions (权限配置): turn on customer contact for the employees who add customers.',
  'connections.steps.oa.basic.title': 'Copy the developer ID and password',
  'connections.steps.oa.basic.text':
    'Sign in to the WeChat admin (mp.weixin.qq.com) → Settings & development (设置与开发) → Basic configuration (基本配置): Developer ID (AppID) and Developer password (AppSecret).',
  'connections.steps.oa.server.title': 'Change the server configuration',
  'connections.steps.oa.server.text':
    'Same page → Server configuration (服务器配置) → Modify (修改配置): paste the callback URL and the Token above, choose “{mode}” as the encryption mode (消息加解密方式; safe mode also takes the EncodingAESKey), submit, then click “Enable” (启用).',
  'connections.steps.oa.ip.title': 'Add the IP whitelist',
  'connections.steps.oa.ip.text':
    'Same page → IP whitelist (IP白名单): add this server’s public egress IP.',
  'connections.steps.miniprogram.title': 'Copy the AppID and AppSecret',
  'connections.steps.miniprogram.text':
    'Mini Program admin → Development (开发管理) → Development settings (开发设置): copy the AppID and AppSecret. If you reset the AppSecret there, update it here.',
};
