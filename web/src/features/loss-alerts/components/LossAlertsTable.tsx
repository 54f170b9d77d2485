import { Badge, Table, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import type { LossAlert } from '../api';
import { HandleAlertButton } from './HandleAlertButton';

interface Props {
  slug: string;
  alerts: LossAlert[] | undefined;
  loading: boolean;
  canHandle: boolean;
  onHandled(): void;
}

export function LossAlertsTable({ slug, alerts, loading, canHandle, onHandled }: Props) {
  const t = useT();
  const format = useFormat();
  const { to } = useWorkspacePath();

  const columns: TableColumnsType<LossAlert> = [
    {
      key: 'customer',
      title: t('lossAlerts.col.customer'),
      render: (_, alert) => (
        <Link to={to(`customers/${encodeURIComponent(alert.personId)}`)}>
          {alert.personName || t('lossAlerts.unnamed')}
        </Link>
      ),
    },
    {
      key: 'employee',
      title: t('lossAlerts.col.employee'),
      // The server names the employee from the directory; the user id tells namesakes apart.
      render: (_, alert) =>
        alert.employeeName === null ? (
          alert.employeeUserId
        ) : (
          <span>
            {alert.employeeName}{' '}
            <Typography.Text type="secondary">({alert.employeeUserId})</Typography.Text>
          </span>
        ),
    },
    {
      key: 'occurredAt',
      title: t('lossAlerts.col.occurredAt'),
      render: (_, alert) => format.dateTime(alert.occurredAt),
    },
    {
      key: 'status',
      title: t('lossAlerts.col.status'),
      render: (_, alert) =>
        alert.status === 'open' ? (
          <Badge status="warning" text={t('lossAlerts.status.open')} />
        ) : (
          <span>
            <Badge status="success" text={t('lossAlerts.status.handled')} />
            {alert.handledAt && (
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {t('lossAlerts.handledBy', {
                  who: alert.handledBy ?? '—',
                  date: format.dateTime(alert.handledAt),
                })}
              </Typography.Text>
            )}
          </span>
        ),
    },
  ];
  if (canHandle) {
    columns.push({
      key: 'actions',
      title: t('lossAlerts.col.actions'),
      render: (_, alert) =>
        alert.status === 'open' && (
          <HandleAlertButton slug={slug} alert={alert} onHandled={onHandled} />
        ),
    });
  }

  return (
    <Table<LossAlert>
      rowKey="id"
      columns={columns}
      dataSource={alerts}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('lossAlerts.empty') }}
    />
  );
}
