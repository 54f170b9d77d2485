import './sandbox.css';
import { Alert, Button, Result, Space, Tabs, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { FullPageSpin } from '../../auth/components/RequireSession';
import { useActivity } from '../hooks/useActivity';
import { useRunAction } from '../hooks/useRunAction';
import { useSandboxData } from '../hooks/useSandboxData';
import { refreshSandboxMode, useSandboxMode } from '../sandboxMode';
import { ActivityLog } from './ActivityLog';
import { CallbacksStatus } from './CallbacksStatus';
import { CustomersPanel } from './CustomersPanel';
import { EmployeesPanel } from './EmployeesPanel';

/** Sandbox: act as simulated WeChat customers and employees, see what customers received. */
export function SandboxPage() {
  const t = useT();
  const { slug } = useWorkspace();
  const mode = useSandboxMode(slug);
  if (mode === undefined) return <FullPageSpin label={t('common.loading')} />;
  if (!mode.enabled) return <NotInSandboxMode reason={mode.reason} />;
  return <SandboxWorkbench slug={slug} mode={mode} />;
}

function NotInSandboxMode({ reason }: { reason: string }) {
  const t = useT();
  const { to } = useWorkspacePath();
  const known = [
    'no_wecom_connection',
    'real_platform',
    'not_a_sandbox',
    'corp_not_simulated',
  ] as const;
  const key = known.find((k) => k === reason) ?? 'not_a_sandbox';
  return (
    <Result
      status="info"
      title={t('sandbox.off.title')}
      subTitle={t(`sandbox.off.${key}`)}
      extra={
        <Link to={to('settings/connections')}>
          <Button type="primary">{t('sandbox.off.openConnections')}</Button>
        </Link>
      }
    />
  );
}

function SandboxWorkbench({
  slug,
  mode,
}: {
  slug: string;
  mode: Extract<NonNullable<ReturnType<typeof useSandboxMode>>, { enabled: true }>;
}) {
  const t = useT();
  const canAct = useCan()('connections.manage');
  const data = useSandboxData(slug);
  const { entries, record } = useActivity();
  const [version, setVersion] = useState(0);
  const { reload } = data;
  const onDone = useCallback(() => {
    reload();
    setVersion((v) => v + 1);
  }, [reload]);
  const run = useRunAction(record, onDone);

  return (
    <>
      <Typography.Title level={3}>{t('nav.sandbox')}</Typography.Title>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          title={t('sandbox.banner.title')}
          description={t('sandbox.banner.text', { corp: mode.corpName, url: mode.baseUrl })}
        />
        <CallbacksStatus
          slug={slug}
          mode={mode}
          canAct={canAct}
          onConnected={() => void refreshSandboxMode(slug)}
        />
        {!canAct && <Alert type="info" showIcon title={t('sandbox.readOnly')} />}
        <Tabs
          items={[
            {
              key: 'customers',
              label: t('sandbox.tab.customers'),
              children: (
                <CustomersPanel
                  slug={slug}
                  mode={mode}
                  data={data}
                  canAct={canAct}
                  run={run}
                  version={version}
                />
              ),
            },
            {
              key: 'employees',
              label: t('sandbox.tab.employees'),
              children: <EmployeesPanel slug={slug} data={data} canAct={canAct} run={run} />,
            },
          ]}
        />
        <ActivityLog entries={entries} />
      </Space>
    </>
  );
}
