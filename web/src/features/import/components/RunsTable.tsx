import { Table, Tag, type TableColumnsType } from 'antd';
import { useFormat, useT } from '../../../i18n';
import type { ImportRun } from '../api';
import { useImportLabels } from '../hooks/useImportLabels';
import { statusColors } from './CurrentRunCard';

/** The workspace's recent imports, newest first. */
export function RunsTable({ runs, loading }: { runs: ImportRun[] | undefined; loading: boolean }) {
  const t = useT();
  const format = useFormat();
  const labels = useImportLabels();
  const columns: TableColumnsType<ImportRun> = [
    {
      key: 'createdAt',
      title: t('import.col.startedAt'),
      render: (_, run) => format.dateTime(run.createdAt),
    },
    { key: 'startedBy', dataIndex: 'startedBy', title: t('import.startedBy') },
    {
      key: 'status',
      title: t('import.col.status'),
      render: (_, run) => <Tag color={statusColors[run.status]}>{labels.status(run.status)}</Tag>,
    },
    {
      key: 'counts',
      title: t('import.col.counts'),
      render: (_, run) =>
        t('import.countsSummary', {
          employees: format.number(run.counts.employees),
          contacts: format.number(run.counts.contacts),
          persons: format.number(run.counts.personsCreated),
        }),
    },
    {
      key: 'finishedAt',
      title: t('import.col.finishedAt'),
      render: (_, run) => (run.finishedAt ? format.dateTime(run.finishedAt) : '—'),
    },
  ];
  return (
    <Table<ImportRun>
      rowKey="id"
      columns={columns}
      dataSource={runs}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('import.noRuns') }}
    />
  );
}
