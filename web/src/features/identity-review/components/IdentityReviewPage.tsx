import { Alert, Button, Empty, Segmented, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useCursorList } from '../../../api/useCursorList';
import { useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { listConflicts, type ConflictStatus, type IdentityConflict } from '../api';
import { ConflictCard } from './ConflictCard';

const statuses: ConflictStatus[] = ['open', 'resolved', 'dismissed'];

/** Customers → Merge review: would-be merges the identity graph held back for a person to decide. */
export function IdentityReviewPage() {
  const t = useT();
  const errorText = useApiErrorText();
  const { slug } = useWorkspace();
  const { to } = useWorkspacePath();
  const canResolve = useCan()('customers.write');
  const [status, setStatus] = useState<ConflictStatus>('open');
  const [lastMergeId, setLastMergeId] = useState<string | null>(null);
  const conflicts = useCursorList(
    (cursor, signal) => listConflicts(slug, { status, before: cursor }, signal),
    [slug, status],
  );

  const resolved = (conflict: IdentityConflict) => {
    if (conflict.mergeId) setLastMergeId(conflict.mergeId);
    conflicts.reload();
  };

  return (
    <>
      <Typography.Title level={3}>{t('nav.identityReview')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('identityReview.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Segmented<ConflictStatus>
          value={status}
          onChange={setStatus}
          options={statuses.map((value) => ({
            value,
            label: t(`identityReview.status.${value}`),
          }))}
        />
        {!canResolve && <Alert type="info" showIcon title={t('identityReview.readOnly')} />}
        {lastMergeId && (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setLastMergeId(null) }}
            title={t('identityReview.mergedNotice')}
            action={
              <Link to={to(`identity-review/merges/${encodeURIComponent(lastMergeId)}`)}>
                {t('identityReview.viewMerge')}
              </Link>
            }
          />
        )}
        {conflicts.error !== undefined && (
          <Alert type="error" showIcon title={errorText(conflicts.error)} />
        )}
        {conflicts.items === undefined ? (
          conflicts.loading && <Spin />
        ) : conflicts.items.length === 0 ? (
          <Empty description={t(`identityReview.empty.${status}`)} />
        ) : (
          conflicts.items.map((conflict) => (
            <ConflictCard
              key={conflict.id}
              slug={slug}
              conflict={conflict}
              canResolve={canResolve}
              onResolved={resolved}
            />
          ))
        )}
        {conflicts.hasMore && (
          <Button onClick={conflicts.loadMore} loading={conflicts.loading}>
            {t('identityReview.loadMore')}
          </Button>
        )}
      </Space>
    </>
  );
}
