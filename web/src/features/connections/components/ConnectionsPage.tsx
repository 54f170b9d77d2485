import './connections.css';
import { Alert, Space, Typography } from 'antd';
import { useState } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useResource } from '../../../api/useResource';
import { useT } from '../../../i18n';
import { refreshSandboxMode, useSandboxMode } from '../../sandbox/sandboxMode';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { listConnections, type Connection } from '../api';
import type { FreshCredentials } from '../connectionForm';
import { AddConnectionButton } from './AddConnectionButton';
import { ConnectionFormModal, type FormTarget } from './ConnectionFormModal';
import { ConnectionsTable } from './ConnectionsTable';
import { SetupModal } from './SetupModal';

/** Settings → Connections: the WeCom corp, Official Accounts and Mini Programs of the workspace. */
export function ConnectionsPage() {
  const t = useT();
  const errorText = useApiErrorText();
  const { slug } = useWorkspace();
  const canManage = useCan()('connections.manage');
  const sandbox = useSandboxMode(slug);
  const connections = useResource((signal) => listConnections(slug, signal), [slug]);
  const [formTarget, setFormTarget] = useState<FormTarget | null>(null);
  const [setup, setSetup] = useState<{
    connection: Connection;
    fresh: FreshCredentials | null;
  } | null>(null);

  const changed = () => {
    connections.reload();
    void refreshSandboxMode(slug);
  };

  return (
    <>
      <Typography.Title level={3}>{t('nav.connections')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('connections.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {canManage ? (
          <AddConnectionButton
            connections={connections.data}
            onAdd={(kind) => setFormTarget({ kind, editing: null })}
          />
        ) : (
          <Alert type="info" showIcon title={t('connections.readOnly')} />
        )}
        {connections.error !== undefined && (
          <Alert type="error" showIcon title={errorText(connections.error)} />
        )}
        <ConnectionsTable
          slug={slug}
          connections={connections.data}
          loading={connections.loading}
          canManage={canManage}
          sandboxUrl={sandbox?.enabled ? sandbox.baseUrl : null}
          onSetup={(connection) => setSetup({ connection, fresh: null })}
          onEdit={(connection) => setFormTarget({ kind: connection.kind, editing: connection })}
          onChanged={changed}
        />
      </Space>
      {canManage && (
        <ConnectionFormModal
          slug={slug}
          target={formTarget}
          onClose={() => setFormTarget(null)}
          onSaved={(connection, fresh) => {
            changed();
            if (!formTarget?.editing || fresh) setSetup({ connection, fresh });
          }}
        />
      )}
      <SetupModal setup={setup} onClose={() => setSetup(null)} />
    </>
  );
}
