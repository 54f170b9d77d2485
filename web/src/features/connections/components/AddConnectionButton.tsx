import { DownOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useT } from '../../../i18n';
import { connectionKinds, type Connection, type ConnectionKind } from '../api';
import { useKindLabel } from '../hooks/useKindLabel';

interface Props {
  connections: Connection[] | undefined;
  onAdd(kind: ConnectionKind): void;
}

/** Add a WeCom corp (one per workspace), an Official Account or a Mini Program. */
export function AddConnectionButton({ connections, onAdd }: Props) {
  const t = useT();
  const kindLabel = useKindLabel();
  const hasWecom = connections?.some((c) => c.kind === 'wecom') ?? false;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: connectionKinds.map((kind) => ({
          key: kind,
          label: kindLabel(kind),
          disabled: kind === 'wecom' && hasWecom,
          title: kind === 'wecom' && hasWecom ? t('connections.wecomExists') : undefined,
        })),
        onClick: ({ key }) => onAdd(key as ConnectionKind),
      }}
    >
      <Button type="primary">
        {t('connections.add')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
