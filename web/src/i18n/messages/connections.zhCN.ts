/** Settings → Connections, in Simplified Chinese (spread into the zh-CN dictionary). */
export const connectionsZhCN = {
  'connections.intro':
    '把企业微信、公众号和小程序接入私域。凭据加密保存，保存后不会再显示；回调地址需要填写到企业微信或微信公众平台的后台。',
  'connections.readOnly': '你可以查看连接，但没有管理连接的权限。',
  'connections.add': '添加连接',
  'connections.empty': '还没有连接。先添加企业微信，再按提示完成回调配置。',
  'connections.kind.wecom': '企业微信',
  'connections.kind.oa': '公众号',
  'connections.kind.miniprogram': '小程序',
  'connections.col.name': '名称',
  'connections.col.appId': '企业 ID / AppID',
  'connections.col.status': '状态',
  'connections.col.callback': '回调校验',
  'connections.col.lastCallback': '最近回调',
  'connections.col.actions': '操作',
  'connections.agentIdValue': 'AgentId {id}',
  'connections.status.active': '启用',
  'connections.status.disabled': '已停用',
  'connections.sandboxTag': '沙箱',
  'connections.callback.none': '无需回调',
  'connections.callback.notVerified': '尚未校验',
  'connections.callback.verifiedAt': '已于 {time} 校验通过',
  'connections.callback.noneYet': '暂无',
  'connections.setupGuide': '配置指引',
  'connections.edit': '编辑',
  'connections.delete': '删除',
  'connections.confirmDelete': '删除连接「{name}」？',
  'connections.confirmDeleteHint': '凭据会被清除，发往它的回调将被拒绝。',
  'connections.deleted': '已删除连接「{name}」',
  'connections.created': '已添加连接「{name}」',
  'connections.saved': '已保存',
  'connections.wecomExists': '此工作空间已有企业微信连接，请编辑它',
  'connections.appIdExists': '此工作空间已接入该 AppID',
  'connections.copy': '复制{what}',
  'connections.copied': '已复制',
  'connections.encrypt.safe': '安全模式',
  'connections.encrypt.plaintext': '明文模式',

  'connections.form.createTitle': '添加{kind}',
  'connections.form.editTitle': '编辑「{name}」',
  'connections.form.connect': '保存并获取回调地址',
  'connections.form.intro.wecom':
    '在企业微信管理后台准备好一个自建应用。保存后会显示回调地址，连同下面的 Token 和 EncodingAESKey 一起填到应用的「接收消息」设置里。',
  'connections.form.intro.oa':
    '使用已认证的服务号。保存后会显示回调地址，连同 Token（和 EncodingAESKey）一起填到公众平台的「服务器配置」里。',
  'connections.form.intro.miniprogram':
    '小程序只需要 AppID 和 AppSecret，用于识别登录用户，无需回调地址。',
  'connections.form.editIntro': '凭据留空则保持不变；填写新值即替换。回调地址不会改变。',
  'connections.form.corpId': '企业 ID',
  'connections.form.corpIdHint': '管理后台 → 我的企业 → 企业信息 → 企业ID，以 ww 开头。',
  'connections.form.corpIdRequired': '请输入企业 ID',
  'connections.form.corpIdInvalid': '企业 ID 是 ww（或旧企业的 wx）加 16 位字母或数字',
  'connections.form.appId': 'AppID',
  'connections.form.appIdHint.oa':
    '公众平台 → 设置与开发 → 基本配置 → 开发者ID（AppID），以 wx 开头。',
  'connections.form.appIdHint.miniprogram':
    '小程序后台 → 开发管理 → 开发设置 → AppID，以 wx 开头。',
  'connections.form.appIdRequired': '请输入 AppID',
  'connections.form.appIdInvalid': 'AppID 是 wx 加 16 位字母或数字',
  'connections.form.agentId': 'AgentId',
  'connections.form.agentIdHint': '应用管理 → 自建 → 你的应用 → AgentId（一串数字）。',
  'connections.form.agentIdInvalid': 'AgentId 是一个正整数，例如 1000002',
  'connections.form.secret': 'Secret',
  'connections.form.secretHint.wecom':
    '该自建应用的 Secret（应用页面 → Secret → 查看，会发送到企业微信）。',
  'connections.form.secretHint.oa':
    '基本配置 → 开发者密码（AppSecret）。重置后需要在这里同步更新。',
  'connections.form.secretHint.miniprogram': '开发设置 → AppSecret。重置后需要在这里同步更新。',
  'connections.form.secretCurrent': '当前：{masked}。留空保持不变。',
  'connections.form.secretRequired': '请输入 Secret',
  'connections.form.secretInvalid': 'Secret 是 16 到 128 位字母、数字、“-”或“_”',
  'connections.form.token': 'Token',
  'connections.form.tokenHint':
    '由你设定，与后台「接收消息 / 服务器配置」中填写的 Token 一致。可点击「生成」。',
  'connections.form.tokenRequired': '请输入或生成 Token',
  'connections.form.tokenInvalid': 'Token 是 3 到 32 位字母或数字',
  'connections.form.aesKey': 'EncodingAESKey',
  'connections.form.aesKeyHint':
    '消息加密密钥，43 位字母或数字，与后台填写的一致。可点击「生成」。',
  'connections.form.aesKeyRequired': '请输入或生成 EncodingAESKey',
  'connections.form.aesKeyInvalid': 'EncodingAESKey 必须是 43 位字母或数字',
  'connections.form.generate': '生成',
  'connections.form.keepHint': '留空保持不变',
  'connections.form.encryptMode': '消息加解密方式',
  'connections.form.encryptModeHint': '与公众平台「服务器配置」中选择的方式一致。推荐安全模式。',
  'connections.form.displayName': '显示名称',
  'connections.form.displayNameHint': '可选，例如「总部企业微信」',
  'connections.form.displayNameTooLong': '名称最多 100 个字符',
  'connections.form.enabled': '启用',
  'connections.form.advanced': '高级设置',
  'connections.form.apiBaseUrl': 'API 地址',
  'connections.form.apiBaseUrlHint':
    '留空即使用真实的微信接口。填写内置沙箱的地址（例如 http://127.0.0.1:3001）可在不连接真实企业微信的情况下体验私域。',
  'connections.form.apiBaseUrlInvalid': '请输入 http:// 或 https:// 开头的地址',
  'connections.form.rejected': '服务器不接受这个值，请检查格式',

  'connections.setup.title': '配置「{name}」的回调',
  'connections.setup.callbackUrl': '回调地址（URL）',
  'connections.setup.notShown':
    '为安全起见不再显示：填写你添加连接时使用的值。忘记了？编辑连接并生成新值。',
  'connections.setup.freshNote':
    '下面的凭据只在此处显示一次，请现在复制到后台。私域已加密保存它们。',
  'connections.setup.noCallback': '小程序没有回调地址，保存 AppID 和 AppSecret 即可。',
  'connections.setup.waiting': '还未收到平台的校验请求：在后台保存回调配置后，这里会显示校验时间。',
  'connections.setup.stepsTitle': '在后台完成以下步骤',
  'connections.setup.done': '完成',
  'connections.warning.local_address': '回调地址是本机或内网地址，微信的服务器无法访问它',
  'connections.warning.not_https': '回调地址不是 https',
  'connections.warning.hint':
    '请把 SIYU_PUBLIC_URL 设为本系统的公网 https 地址（企业已备案的域名），再复制回调地址。使用内置沙箱时可以忽略。',

  'connections.steps.wecom.app.title': '打开自建应用',
  'connections.steps.wecom.app.text':
    '登录企业微信管理后台（work.weixin.qq.com）→ 应用管理 → 自建，打开用于私域的应用，记下 AgentId 和 Secret。',
  'connections.steps.wecom.receive.title': '设置 API 接收',
  'connections.steps.wecom.receive.text':
    '在应用页面 → 接收消息 → 设置API接收：URL 填回调地址，Token 和 EncodingAESKey 填上面的值，点击保存。企业微信会立即访问该地址进行校验。',
  'connections.steps.wecom.contact.title': '开通客户联系接口',
  'connections.steps.wecom.contact.text':
    '客户与上下游 → 客户联系 → 客户 → API：把该应用加入「可调用接口的应用」，并在「接收事件服务器」填写同一组 URL、Token 和 EncodingAESKey。',
  'connections.steps.wecom.ip.title': '配置企业可信 IP',
  'connections.steps.wecom.ip.text':
    '应用页面 → 企业可信IP：添加本服务器的公网出口 IP，否则接口调用会被拒绝（错误码 60020）。',
  'connections.steps.wecom.employees.title': '为员工开通客户联系',
  'connections.steps.wecom.employees.text':
    '客户联系 → 权限配置：为需要添加客户的员工开通客户联系功能。',
  'connections.steps.oa.basic.title': '复制开发者 ID 和密码',
  'connections.steps.oa.basic.text':
    '登录微信公众平台（mp.weixin.qq.com）→ 设置与开发 → 基本配置：开发者ID（AppID）和开发者密码（AppSecret）。',
  'connections.steps.oa.server.title': '修改服务器配置',
  'connections.steps.oa.server.text':
    '同一页面 → 服务器配置 → 修改配置：URL 填回调地址，Token 填上面的值，消息加解密方式选择「{mode}」（安全模式还需填写 EncodingAESKey），提交后点击「启用」。',
  'connections.steps.oa.ip.title': '添加 IP 白名单',
  'connections.steps.oa.ip.text': '同一页面 → IP白名单：添加本服务器的公网出口 IP。',
  'connections.steps.miniprogram.title': '复制 AppID 和 AppSecret',
  'connections.steps.miniprogram.text':
    '小程序后台 → 开发管理 → 开发设置：复制 AppID 和 AppSecret。在那里重置 AppSecret 后，记得回到这里更新。',
} satisfies Record<string, string>;
