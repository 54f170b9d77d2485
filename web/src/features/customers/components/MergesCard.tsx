import { App, Button, Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useApiAction } from '../../../api/useApiAction';
import { useResource } from '../../../api/useResource';
import { useFormat, useT } from '../../../i18n';
import { useMergeSummary } from '../../identity-review/hooks/useMergeSummary';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import { listMerges, undoMerge, type Merge } from '../api';

interface Props {
  slug: string;
  personId: string;
  /** customers.write: what the server checks to undo a merge. */
  canUnmerge: boolean;
  version: number;
  onUnmerged(): void;
}

/** The merges into this customer, explained; each not yet undone can be undone (confirmed). */
export function MergesCard({ slug, personId, canUnmerge, version, onUnmerged }: Props) {
  const t = useT();
  const format = useFormat();
  const summary = useMergeSummary();
  const { modal } = App.useApp();
  const undo = useApiAction((mergeId: string) => undoMerge(slug, mergeId), {
    success: () => t('customers.profile.merges.unmerged'),
    onDone: onUnmerged,
  });
  const { to } = useWorkspacePath();
  const merges = useResource(
    (signal) => listMerges(slug, personId, signal),
    [slug, personId, version],
  );

  const confirmUndo = (merge: Merge) =>
    modal.confirm({
      title: t('customers.profile.merges.confirm'),
      content: t('customers.profile.merges.confirmHelp'),
      okText: t('customers.profile.merges.unmerge'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => undo.run(merge.id),
    });

  return (
    <Card
      size="small"
      title={t('customers.profile.merges')}
      loading={merges.loading && !merges.data}
    >
      <List
        size="small"
        dataSource={merges.data ?? []}
        locale={{ emptyText: t('customers.profile.merges.none') }}
        renderItem={(merge) => (
          <List.Item
            actions={
              canUnmerge && !merge.undoneAt
                ? [
                    <Button key="undo" size="small" danger onClick={() => confirmUndo(merge)}>
                      {t('customers.profile.merges.unmerge')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space orientation="vertical" size={0}>
              <span>{summary(merge)}</span>
              <Typography.Text type="secondary">{format.dateTime(merge.createdAt)}</Typography.Text>
              {merge.undoneAt && (
                <Typography.Text type="secondary">
                  {t('customers.profile.merges.undone', { date: format.dateTime(merge.undoneAt) })}
                </Typography.Text>
              )}
              <Link to={to(`customers/${encodeURIComponent(merge.loserPersonId)}`)}>
                {t('customers.profile.merges.loser')}
              </Link>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
