import { Button, Popconfirm } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { isApiError } from '../../../api/client';
import { useApiAction } from '../../../api/useApiAction';
import { useT } from '../../../i18n';
import { cancelImportRun, startWecomImport, type ImportRun } from '../api';

/** 从企业微信导入: starts an import of the WeCom directory, tags and customers. */
export function StartImportButton({
  slug,
  disabled,
  onStarted,
}: {
  slug: string;
  disabled: boolean;
  onStarted(run: ImportRun): void;
}) {
  const t = useT();
  const start = useApiAction(() => startWecomImport(slug), {
    onDone: onStarted,
    errorText: (error) => (isApiError(error, 'conflict') ? t('import.alreadyRunning') : undefined),
  });
  return (
    <Button
      type="primary"
      icon={<ImportOutlined />}
      loading={start.running}
      disabled={disabled}
      onClick={() => void start.run()}
    >
      {t('import.start')}
    </Button>
  );
}

/** Stops a running import after confirmation (what was imported stays). */
export function CancelImportButton({
  slug,
  runId,
  onCancelled,
}: {
  slug: string;
  runId: string;
  onCancelled(run: ImportRun): void;
}) {
  const t = useT();
  const cancel = useApiAction(() => cancelImportRun(slug, runId), { onDone: onCancelled });
  return (
    <Popconfirm
      title={t('import.confirmCancel')}
      description={t('import.confirmCancelHelp')}
      okText={t('import.cancel')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={() => cancel.run()}
    >
      <Button danger loading={cancel.running}>
        {t('import.cancel')}
      </Button>
    </Popconfirm>
  );
}
