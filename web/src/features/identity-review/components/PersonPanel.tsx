import { Alert, Avatar, Card, Space, Tag, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useResource } from '../../../api/useResource';
import { useFormat, useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import { getPerson } from '../api';
import { useIdentityLabels } from '../hooks/useIdentityLabels';

interface Props {
  slug: string;
  /** The live person; null when erased. */
  personId: string | null;
  /** The identity the conflict is about, highlighted among the person's. */
  conflictKind: string;
  title: string;
}

/** One side of a conflict: who the person is, with a link to the profile. */
export function PersonPanel({ slug, personId, conflictKind, title }: Props) {
  const t = useT();
  const format = useFormat();
  const errorText = useApiErrorText();
  const labels = useIdentityLabels();
  const { to } = useWorkspacePath();
  const person = useResource(
    (signal) => (personId ? getPerson(slug, personId, signal) : Promise.resolve(null)),
    [slug, personId],
  );

  if (personId === null) {
    return (
      <Card size="small" title={title}>
        <Typography.Text type="secondary">{t('identityReview.personErased')}</Typography.Text>
      </Card>
    );
  }
  const data = person.data;
  const name = data?.displayName || t('identityReview.unnamed');
  return (
    <Card size="small" title={title} loading={person.loading && !data}>
      {person.error !== undefined && !data && (
        <Alert type="error" showIcon title={errorText(person.error)} />
      )}
      {data && (
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Space>
            <Avatar src={data.avatarUrl ?? undefined} icon={<UserOutlined />} />
            <Link to={to(`customers/${encodeURIComponent(data.id)}`)}>{name}</Link>
          </Space>
          <Typography.Text type="secondary">
            {t('identityReview.since', { date: format.dateTime(data.createdAt) })}
          </Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {data.identities.map((identity, index) => (
              <li key={identity.id ?? index}>
                <Typography.Text strong={identity.kind === conflictKind}>
                  {labels.identity(identity)}
                </Typography.Text>
                {!identity.verified && (
                  <Tag style={{ marginInlineStart: 8 }}>{t('identityReview.unverified')}</Tag>
                )}
              </li>
            ))}
          </ul>
          {data.tags.length > 0 && (
            <div>
              {data.tags.map((tag) => (
                <Tag key={tag.tagId}>{tag.name}</Tag>
              ))}
            </div>
          )}
        </Space>
      )}
    </Card>
  );
}
