import { App, Button, Popconfirm, Space } from 'antd';
import { useT } from '../../../i18n';
import { deleteConnection, type Connection } from '../api';
import { useConnectionErrorText } from '../hooks/useConnectionErrorText';

interface Props {
  slug: string;
  connection: Connection;
  canManage: boolean;
  onSetup(connection: Connection): void;
  onEdit(connection: Connection): void;
  onDeleted(): void;
}

/** Setup guide for everyone; edit and delete (with confirmation) for connection managers. */
export function ConnectionActions({
  slug,
  connection,
  canManage,
  onSetup,
  onEdit,
  onDeleted,
}: Props) {
  const t = useT();
  const errorText = useConnectionErrorText();
  const { message } = App.useApp();

  const remove = async () => {
    try {
      await deleteConnection(slug, connection.id);
      void message.success(t('connections.deleted', { name: connection.displayName }));
      onDeleted();
    } catch (error) {
      void message.error(errorText(error, connection.kind));
    }
  };

  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onSetup(connection)}>
        {t('connections.setupGuide')}
      </Button>
      {canManage && (
        <>
          <Button type="link" size="small" onClick={() => onEdit(connection)}>
            {t('connections.edit')}
          </Button>
          <Popconfirm
            title={t('connections.confirmDelete', { name: connection.displayName })}
            description={t('connections.confirmDeleteHint')}
            okText={t('connections.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={remove}
          >
            <Button type="link" size="small" danger>
              {t('connections.delete')}
            </Button>
          </Popconfirm>
        </>
      )}
    </Space>
  );
}
