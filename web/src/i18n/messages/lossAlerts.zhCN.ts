/** Customers → Loss alerts, in Simplified Chinese (spread into the zh-CN dictionary). */
export const lossAlertsZhCN = {
  'nav.lossAlerts': '流失提醒',
  'lossAlerts.intro': '客户删除了员工时会出现在这里。请及时跟进，处理后标记为已处理。',
  'lossAlerts.status.open': '待处理',
  'lossAlerts.status.handled': '已处理',
  'lossAlerts.allEmployees': '全部员工',
  'lossAlerts.col.customer': '客户',
  'lossAlerts.col.employee': '被删除的员工',
  'lossAlerts.col.occurredAt': '删除时间',
  'lossAlerts.col.status': '状态',
  'lossAlerts.col.actions': '操作',
  'lossAlerts.unnamed': '未命名客户',
  'lossAlerts.handledBy': '{who}，{date}',
  'lossAlerts.markHandled': '标记为已处理',
  'lossAlerts.handledDone': '已标记为已处理',
  'lossAlerts.empty': '没有流失提醒。',
  'lossAlerts.loadMore': '加载更多',
} satisfies Record<string, string>;
