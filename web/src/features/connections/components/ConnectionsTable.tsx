import { Badge, Space, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useT } from '../../../i18n';
import type { Connection } from '../api';
import { useKindLabel } from '../hooks/useKindLabel';
import { CallbackVerified, LastCallback } from './CallbackStatus';
import { ConnectionActions } from './ConnectionActions';

interface Props {
  slug: string;
  connections: Connection[] | undefined;
  loading: boolean;
  canManage: boolean;
  /** The sandbox's base URL when the workspace is in sandbox mode. */
  sandboxUrl: string | null;
  onSetup(connection: Connection): void;
  onEdit(connection: Connection): void;
  onChanged(): void;
}

const kindColors = { wecom: 'blue', oa: 'green', miniprogram: 'purple' } as const;

export function ConnectionsTable(props: Props) {
  const { slug, connections, loading, canManage, sandboxUrl } = props;
  const t = useT();
  const kindLabel = useKindLabel();

  const columns: TableColumnsType<Connection> = [
    {
      key: 'name',
      title: t('connections.col.name'),
      render: (_, c) => (
        <Space size={4} wrap>
          <Tag color={kindColors[c.kind]}>{kindLabel(c.kind)}</Tag>
          <span>{c.displayName}</span>
          {sandboxUrl !== null && c.apiBaseUrl === sandboxUrl && (
            <Tooltip title={c.apiBaseUrl}>
              <Tag color="orange">{t('connections.sandboxTag')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      key: 'appId',
      title: t('connections.col.appId'),
      render: (_, c) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text code>{c.appId}</Typography.Text>
          {c.agentId !== null && (
            <Typography.Text type="secondary">
              {t('connections.agentIdValue', { id: c.agentId })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('connections.col.status'),
      render: (_, c) =>
        c.status === 'active' ? (
          <Badge status="success" text={t('connections.status.active')} />
        ) : (
          <Badge status="default" text={t('connections.status.disabled')} />
        ),
    },
    {
      key: 'callback',
      title: t('connections.col.callback'),
      render: (_, c) => <CallbackVerified connection={c} />,
    },
    {
      key: 'lastCallback',
      title: t('connections.col.lastCallback'),
      render: (_, c) => <LastCallback connection={c} />,
    },
    {
      key: 'actions',
      title: t('connections.col.actions'),
      render: (_, c) => (
        <ConnectionActions
          slug={slug}
          connection={c}
          canManage={canManage}
          onSetup={props.onSetup}
          onEdit={props.onEdit}
          onDeleted={props.onChanged}
        />
      ),
    },
  ];

  return (
    <Table<Connection>
      rowKey="id"
      columns={columns}
      dataSource={connections}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('connections.empty') }}
    />
  );
}
