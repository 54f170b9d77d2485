import { Button } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useApiAction } from '../../../api/useApiAction';
import { useT } from '../../../i18n';
import { syncEmployees } from '../api';

/** Asks the server to read the WeCom directory again now. */
export function SyncButton({ slug, onSynced }: { slug: string; onSynced(): void }) {
  const t = useT();
  const sync = useApiAction(() => syncEmployees(slug), {
    success: (counts) => t('employees.synced', { ...counts }),
    onDone: onSynced,
  });
  return (
    <Button icon={<SyncOutlined />} loading={sync.running} onClick={() => void sync.run()}>
      {t('employees.syncNow')}
    </Button>
  );
}
