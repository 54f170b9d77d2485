import { Alert, Button, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useCursorList } from '../../../api/useCursorList';
import { useT } from '../../../i18n';
import { useEmployeeNames } from '../../employees/hooks/useEmployeeNames';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { listLossAlerts, type LossAlertStatus } from '../api';
import { refreshOpenLossAlerts } from '../openCount';
import { LossAlertsTable } from './LossAlertsTable';

const statuses: LossAlertStatus[] = ['open', 'handled'];

/** Customers → Loss alerts: customers who deleted an employee, to follow up. */
export function LossAlertsPage() {
  const t = useT();
  const errorText = useApiErrorText();
  const { slug } = useWorkspace();
  const canHandle = useCan()('customers.read');
  const employees = useEmployeeNames(slug);
  const [status, setStatus] = useState<LossAlertStatus>('open');
  const [employeeUserId, setEmployeeUserId] = useState<string | undefined>();
  const alerts = useCursorList(
    (cursor, signal) => listLossAlerts(slug, { status, employeeUserId, cursor }, signal),
    [slug, status, employeeUserId],
  );

  const handled = () => {
    alerts.reload();
    void refreshOpenLossAlerts(slug);
  };

  return (
    <>
      <Typography.Title level={3}>{t('nav.lossAlerts')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('lossAlerts.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <Segmented<LossAlertStatus>
            value={status}
            onChange={setStatus}
            options={statuses.map((value) => ({ value, label: t(`lossAlerts.status.${value}`) }))}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            style={{ minWidth: 220 }}
            placeholder={t('lossAlerts.allEmployees')}
            aria-label={t('lossAlerts.col.employee')}
            value={employeeUserId}
            onChange={setEmployeeUserId}
            options={employees.options}
          />
        </Space>
        {alerts.error !== undefined && (
          <Alert type="error" showIcon title={errorText(alerts.error)} />
        )}
        <LossAlertsTable
          slug={slug}
          alerts={alerts.items}
          loading={alerts.loading}
          canHandle={canHandle}
          onHandled={handled}
        />
        {alerts.hasMore && (
          <Button onClick={alerts.loadMore} loading={alerts.loading}>
            {t('lossAlerts.loadMore')}
          </Button>
        )}
      </Space>
    </>
  );
}
