import { Button, Modal } from 'antd';
import { useT } from '../../../i18n';
import type { Connection } from '../api';
import type { FreshCredentials } from '../connectionForm';
import { CallbackSetup } from './CallbackSetup';

interface Props {
  /** Open while set. */
  setup: { connection: Connection; fresh: FreshCredentials | null } | null;
  onClose(): void;
}

/** The setup guide of a connection: right after adding it, or from its row. */
export function SetupModal({ setup, onClose }: Props) {
  const t = useT();
  return (
    <Modal
      title={setup ? t('connections.setup.title', { name: setup.connection.displayName }) : ''}
      open={setup !== null}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('connections.setup.done')}
        </Button>
      }
    >
      {setup && <CallbackSetup connection={setup.connection} fresh={setup.fresh} />}
    </Modal>
  );
}
