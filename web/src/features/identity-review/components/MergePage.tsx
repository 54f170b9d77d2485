import { Alert, Card, Descriptions, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useResource } from '../../../api/useResource';
import { useFormat, useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import { useCan, useWorkspace } from '../../workspace/hooks/useWorkspace';
import { getMerge, type Merge } from '../api';
import { useIdentityLabels } from '../hooks/useIdentityLabels';
import { useMergeSummary } from '../hooks/useMergeSummary';
import { PersonLink } from './PersonLink';
import { UndoMergeButton } from './UndoMergeButton';

/** One merge explained: why, what moved, whether undone; with Undo. */
export function MergePage() {
  const t = useT();
  const format = useFormat();
  const errorText = useApiErrorText();
  const labels = useIdentityLabels();
  const summary = useMergeSummary();
  const { slug } = useWorkspace();
  const { to } = useWorkspacePath();
  const canUndo = useCan()('customers.write');
  const { mergeId = '' } = useParams();
  const loaded = useResource((signal) => getMerge(slug, mergeId, signal), [slug, mergeId]);
  const [updated, setUpdated] = useState<Merge | null>(null);
  const merge = updated?.id === mergeId ? updated : loaded.data;

  const personLink = (id: string) => <PersonLink slug={slug} personId={id} />;

  return (
    <>
      <Typography.Title level={3}>{t('identityReview.mergeTitle')}</Typography.Title>
      <Link to={to('identity-review')}>{t('identityReview.backToReview')}</Link>
      {loaded.error !== undefined && (
        <Alert type="error" showIcon title={errorText(loaded.error)} style={{ marginTop: 16 }} />
      )}
      {!merge && loaded.loading && <Spin />}
      {merge && (
        <Space orientation="vertical" size="middle" style={{ width: '100%', marginTop: 16 }}>
          <Alert
            type={merge.undoneAt ? 'warning' : 'info'}
            showIcon
            title={summary(merge)}
            action={
              !merge.undoneAt &&
              canUndo && <UndoMergeButton slug={slug} merge={merge} onUndone={setUpdated} />
            }
          />
          <Card title={t('identityReview.mergeWhy')}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('identityReview.winner')}>
                {personLink(merge.winnerPersonId)}
              </Descriptions.Item>
              <Descriptions.Item label={t('identityReview.loser')}>
                {personLink(merge.loserPersonId)}
              </Descriptions.Item>
              <Descriptions.Item label={t('identityReview.cause')}>
                {t(`identityReview.cause.${merge.cause.reason}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('identityReview.source')}>
                {merge.cause.source}
                {merge.cause.event && ` · ${merge.cause.event.type}`}
              </Descriptions.Item>
              {merge.cause.identity && (
                <Descriptions.Item label={t('identityReview.sharedIdentity')}>
                  {labels.identity(merge.cause.identity)}
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('identityReview.mergedBy')}>
                {merge.mergedBy} · {format.dateTime(merge.createdAt)}
              </Descriptions.Item>
              <Descriptions.Item label={t('identityReview.state')}>
                {merge.undoneAt ? (
                  <Tag color="orange">
                    {t('identityReview.undoneBy', {
                      who: merge.undoneBy ?? '—',
                      date: format.dateTime(merge.undoneAt),
                    })}
                  </Tag>
                ) : (
                  <Tag color="green">{t('identityReview.inEffect')}</Tag>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('identityReview.moved')}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('identityReview.movedIdentities')}>
                {merge.moved.identities.length === 0
                  ? '—'
                  : merge.moved.identities.map((identity, index) => (
                      <Tag key={identity.id ?? index}>{labels.identity(identity)}</Tag>
                    ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('identityReview.movedTags')}>
                {merge.moved.tags.length === 0
                  ? '—'
                  : merge.moved.tags.map((tag) => (
                      <Tag key={tag.tagId}>{tag.name ?? tag.tagId}</Tag>
                    ))}
              </Descriptions.Item>
              <Descriptions.Item label={t('identityReview.movedAttributes')}>
                {merge.moved.attributes.length === 0
                  ? '—'
                  : merge.moved.attributes.map((attribute) => attribute.key).join(', ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('identityReview.movedEvents')}>
                {format.number(merge.moved.events)}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Space>
      )}
    </>
  );
}
