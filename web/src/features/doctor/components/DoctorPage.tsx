import './doctor.css';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useResource } from '../../../api/useResource';
import { useI18n } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import { useWorkspace } from '../../workspace/hooks/useWorkspace';
import { runDoctor, type CheckStatus } from '../api';
import { CheckStatusIcon } from './CheckStatusIcon';
import { ReportCard } from './ReportCard';

/** Settings → Doctor: checks every connection's setup and says how to fix what is wrong. */
export function DoctorPage() {
  const { t, locale } = useI18n();
  const errorText = useApiErrorText();
  const { slug } = useWorkspace();
  const { to } = useWorkspacePath();
  const reports = useResource((signal) => runDoctor(slug, locale, signal), [slug, locale]);
  const checks = reports.data?.flatMap((r) => r.checks) ?? [];
  const count = (status: CheckStatus) => checks.filter((c) => c.status === status).length;

  return (
    <>
      <Typography.Title level={3}>{t('nav.doctor')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('doctor.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap size="large">
          <Button icon={<ReloadOutlined />} loading={reports.loading} onClick={reports.reload}>
            {t('doctor.rerun')}
          </Button>
          {reports.data && checks.length > 0 && (
            <Space size="middle" aria-label={t('doctor.summary')}>
              {(['ok', 'warn', 'fail'] as const).map((status) => (
                <Space key={status} size={4}>
                  <CheckStatusIcon status={status} size={14} />
                  <span>{t(`doctor.count.${status}`, { count: count(status) })}</span>
                </Space>
              ))}
            </Space>
          )}
        </Space>
        {reports.error !== undefined && (
          <Alert type="error" showIcon title={errorText(reports.error)} />
        )}
        {reports.loading && !reports.data && (
          <div className="doctor-running">
            <Spin />
            <Typography.Text type="secondary">{t('doctor.running')}</Typography.Text>
          </div>
        )}
        {reports.data?.length === 0 && (
          <Empty description={t('doctor.noConnections')}>
            <Link to={to('settings/connections')}>{t('doctor.addConnection')}</Link>
          </Empty>
        )}
        <Spin spinning={reports.loading && reports.data !== undefined}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {reports.data?.map((report) => (
              <ReportCard key={report.connectionId} report={report} />
            ))}
          </Space>
        </Spin>
      </Space>
    </>
  );
}
