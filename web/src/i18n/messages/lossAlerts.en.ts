import type { lossAlertsZhCN } from './lossAlerts.zhCN';

/** Customers → Loss alerts, in English (same keys as the Chinese). */
export const lossAlertsEn: Record<keyof typeof lossAlertsZhCN, string> = {
  'nav.lossAlerts': 'Loss alerts',
  'lossAlerts.intro':
    'A customer who deletes an employee shows up here. Follow up soon, then mark the alert handled.',
  'lossAlerts.status.open': 'Open',
  'lossAlerts.status.handled': 'Handled',
  'lossAlerts.allEmployees': 'All employees',
  'lossAlerts.col.customer': 'Customer',
  'lossAlerts.col.employee': 'Employee deleted',
  'lossAlerts.col.occurredAt': 'Deleted at',
  'lossAlerts.col.status': 'Status',
  'lossAlerts.col.actions': 'Actions',
  'lossAlerts.unnamed': 'Unnamed customer',
  'lossAlerts.handledBy': '{who}, {date}',
  'lossAlerts.markHandled': 'Mark handled',
  'lossAlerts.handledDone': 'Marked handled',
  'lossAlerts.empty': 'No loss alerts.',
  'lossAlerts.loadMore': 'Load more',
} satisfies Record<string, string>;
