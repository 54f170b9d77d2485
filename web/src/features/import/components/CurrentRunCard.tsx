import { Alert, Card, Descriptions, Progress, Space, Steps, Tag } from 'antd';
import { useFormat, useT } from '../../../i18n';
import { importPhases, isActive, type ImportRun, type ImportRunStatus } from '../api';
import { useImportLabels } from '../hooks/useImportLabels';
import { CancelImportButton } from './RunActions';

export const statusColors: Record<ImportRunStatus, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'success',
  failed: 'error',
  cancelled: 'warning',
};

const progressStatus = (run: ImportRun) =>
  run.status === 'failed' ? 'exception' : isActive(run) ? 'active' : 'normal';

/** The running import (or the one that just ended): phase, counts and progress. */
export function CurrentRunCard({
  slug,
  run,
  canManage,
  onChanged,
}: {
  slug: string;
  run: ImportRun;
  canManage: boolean;
  onChanged(run: ImportRun): void;
}) {
  const t = useT();
  const format = useFormat();
  const labels = useImportLabels();
  const { counts, progress } = run;
  // Once done, every phase shows as finished.
  const phaseIndex = run.phase === 'done' ? importPhases.length : importPhases.indexOf(run.phase);

  return (
    <Card
      title={t('import.current')}
      extra={<Tag color={statusColors[run.status]}>{labels.status(run.status)}</Tag>}
      data-testid="import-current"
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Steps
          size="small"
          current={phaseIndex}
          status={run.status === 'failed' ? 'error' : undefined}
          items={importPhases.map((phase) => ({ title: labels.phase(phase) }))}
        />
        <Progress
          percent={Math.round(progress.fraction * 100)}
          status={progressStatus(run)}
          aria-label={t('import.progress')}
        />
        <Descriptions column={{ xs: 1, sm: 2, lg: 4 }} size="small">
          <Descriptions.Item label={t('import.count.employees')}>
            {format.number(counts.employees)}
          </Descriptions.Item>
          <Descriptions.Item label={t('import.count.tags')}>
            {format.number(counts.tags)}
          </Descriptions.Item>
          <Descriptions.Item label={t('import.count.contacts')}>
            {format.number(counts.contacts)}
          </Descriptions.Item>
          <Descriptions.Item label={t('import.count.follows')}>
            {format.number(counts.follows)}
          </Descriptions.Item>
          <Descriptions.Item label={t('import.count.personsCreated')}>
            {format.number(counts.personsCreated)}
          </Descriptions.Item>
          <Descriptions.Item label={t('import.count.merged')}>
            {format.number(counts.merged)}
          </Descriptions.Item>
          <Descriptions.Item label={t('import.count.errors')}>
            {format.number(counts.errors)}
          </Descriptions.Item>
          <Descriptions.Item label={t('import.employeesProgress')}>
            {progress.employeesTotal === null
              ? '—'
              : `${format.number(progress.employeesDone)} / ${format.number(progress.employeesTotal)}`}
          </Descriptions.Item>
          {isActive(run) && progress.etaSeconds !== null && (
            <Descriptions.Item label={t('import.eta')}>
              {t('import.etaValue', { minutes: Math.max(1, Math.ceil(progress.etaSeconds / 60)) })}
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('import.startedBy')}>
            {run.startedBy} · {format.dateTime(run.createdAt)}
          </Descriptions.Item>
        </Descriptions>
        {run.lastError && (
          <Alert
            type={run.status === 'failed' ? 'error' : 'warning'}
            showIcon
            title={t('import.lastError')}
            description={run.lastError}
          />
        )}
        {isActive(run) && canManage && (
          <CancelImportButton slug={slug} runId={run.id} onCancelled={onChanged} />
        )}
      </Space>
    </Card>
  );
}
