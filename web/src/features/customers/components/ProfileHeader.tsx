import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Card, Descriptions, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import type { ProfileView } from '../api';
import { CustomerName } from './CustomerName';

/** Who the customer is: avatar, name, phone (masked without customers.pii), since when. */
export function ProfileHeader({ profile }: { profile: ProfileView }) {
  const t = useT();
  const format = useFormat();
  const { to } = useWorkspacePath();
  const phones = profile.identities.filter((identity) => identity.kind === 'phone');

  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }}>
      <Link to={to('customers')}>
        <ArrowLeftOutlined /> {t('customers.profile.back')}
      </Link>
      {profile.requestedId && (
        <Alert
          type="info"
          showIcon
          title={t('customers.profile.mergedHere', { id: profile.requestedId })}
        />
      )}
      {profile.erasedAt && (
        <Alert
          type="warning"
          showIcon
          title={t('customers.profile.erased', { date: format.dateTime(profile.erasedAt) })}
        />
      )}
      <Card>
        <Typography.Title level={3} style={{ margin: 0 }}>
          <CustomerName name={profile.displayName} avatarUrl={profile.avatarUrl} size={48} />
        </Typography.Title>
        <Descriptions
          style={{ marginTop: 16 }}
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'phone',
              label: t('customers.profile.phone'),
              children:
                phones.length > 0 ? phones.map((p) => p.value).join(', ') : t('customers.none'),
            },
            {
              key: 'id',
              label: t('customers.profile.id'),
              children: <Typography.Text copyable>{profile.id}</Typography.Text>,
            },
            {
              key: 'created',
              label: t('customers.profile.created'),
              children: format.dateTime(profile.createdAt),
            },
          ]}
        />
        {profile.openConflicts > 0 && (
          <Typography.Text type="warning">
            {t('customers.profile.openConflicts', { count: profile.openConflicts })}
          </Typography.Text>
        )}
      </Card>
    </Space>
  );
}
