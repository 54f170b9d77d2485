import { Alert, Space, Typography } from 'antd';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useT } from '../../../i18n';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { isActive } from '../api';
import { useImportRuns } from '../hooks/useImportRuns';
import { CurrentRunCard } from './CurrentRunCard';
import { StartImportButton } from './RunActions';
import { RunsTable } from './RunsTable';

/** Settings → Data import: bring in the WeCom directory, tags and existing customers. */
export function ImportPage() {
  const t = useT();
  const errorText = useApiErrorText();
  const { slug } = useWorkspace();
  const canManage = useCan()('connections.manage');
  const { runs, current, update } = useImportRuns(slug);

  return (
    <>
      <Typography.Title level={3}>{t('nav.import')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {canManage ? (
          <StartImportButton
            slug={slug}
            disabled={current !== null && isActive(current)}
            onStarted={update}
          />
        ) : (
          <Alert type="info" showIcon title={t('import.readOnly')} />
        )}
        {runs.error !== undefined && <Alert type="error" showIcon title={errorText(runs.error)} />}
        {current && (
          <CurrentRunCard slug={slug} run={current} canManage={canManage} onChanged={update} />
        )}
        <Typography.Title level={5}>{t('import.recent')}</Typography.Title>
        <RunsTable runs={runs.data} loading={runs.loading} />
      </Space>
    </>
  );
}
