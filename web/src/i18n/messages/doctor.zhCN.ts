/** Settings → Doctor, in Simplified Chinese (spread into the zh-CN dictionary). */
export const doctorZhCN = {
  'doctor.intro':
    '用保存的凭据实际调用企业微信和微信接口，逐项检查最容易出错的后台设置：凭据、可信 IP、客户联系权限、回调地址等，并告诉你怎么修复。',
  'doctor.rerun': '重新检查',
  'doctor.running': '正在检查，需要调用平台接口，可能要几秒钟…',
  'doctor.summary': '检查结果汇总',
  'doctor.count.ok': '{count} 项通过',
  'doctor.count.warn': '{count} 项警告',
  'doctor.count.fail': '{count} 项失败',
  'doctor.status.ok': '通过',
  'doctor.status.warn': '警告',
  'doctor.status.fail': '失败',
  'doctor.verdict.ok': '一切正常',
  'doctor.verdict.warn': '需要注意',
  'doctor.verdict.fail': '存在问题',
  'doctor.fix': '修复方法：',
  'doctor.noConnections': '还没有连接，没有可检查的内容。',
  'doctor.addConnection': '去添加连接',
} satisfies Record<string, string>;
