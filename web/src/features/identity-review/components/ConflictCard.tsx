import { Card, Col, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import type { ConflictStatus, IdentityConflict } from '../api';
import { useIdentityLabels } from '../hooks/useIdentityLabels';
import { ConflictActions } from './ConflictActions';
import { PersonPanel } from './PersonPanel';

interface Props {
  slug: string;
  conflict: IdentityConflict;
  canResolve: boolean;
  onResolved(conflict: IdentityConflict): void;
}

const statusColors: Record<ConflictStatus, string> = {
  open: 'orange',
  resolved: 'green',
  dismissed: 'default',
};

/** A conflict: the identity both would hold and why it was held back, the two persons side by side. */
export function ConflictCard({ slug, conflict, canResolve, onResolved }: Props) {
  const t = useT();
  const format = useFormat();
  const labels = useIdentityLabels();
  const { to } = useWorkspacePath();

  const sides = [
    [conflict.livePersonAId, 'identityReview.personA'],
    [conflict.livePersonBId, 'identityReview.personB'],
  ] as const;
  const title = (
    <Space wrap>
      <Tooltip title={labels.reasonHelp(conflict.reason)}>
        <Tag color="volcano">{labels.reason(conflict.reason)}</Tag>
      </Tooltip>
      <span>{labels.identity(conflict)}</span>
    </Space>
  );
  const extra = (
    <Tag color={statusColors[conflict.status]}>{t(`identityReview.status.${conflict.status}`)}</Tag>
  );

  return (
    <Card title={title} extra={extra} data-testid={`conflict-${conflict.id}`}>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          {t('identityReview.seen', {
            count: conflict.occurrences,
            first: format.dateTime(conflict.createdAt),
            last: format.dateTime(conflict.lastSeenAt),
          })}
          {' · '}
          {t('identityReview.rule', { rule: conflict.rule, source: conflict.source })}
        </Typography.Text>
        <Row gutter={[16, 16]}>
          {sides.map(([personId, title]) => (
            <Col xs={24} md={12} key={title}>
              <PersonPanel
                slug={slug}
                personId={personId}
                conflictKind={conflict.kind}
                title={t(title)}
              />
            </Col>
          ))}
        </Row>
        {conflict.status === 'open' && canResolve && (
          <ConflictActions slug={slug} conflict={conflict} onResolved={onResolved} />
        )}
        {conflict.status !== 'open' && (
          <Typography.Text type="secondary">
            {t('identityReview.resolvedBy', {
              who: conflict.resolvedBy ?? '—',
              date: conflict.resolvedAt ? format.dateTime(conflict.resolvedAt) : '—',
            })}
            {conflict.mergeId && (
              <>
                {' · '}
                <Link to={to(`identity-review/merges/${encodeURIComponent(conflict.mergeId)}`)}>
                  {t('identityReview.viewMerge')}
                </Link>
              </>
            )}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
