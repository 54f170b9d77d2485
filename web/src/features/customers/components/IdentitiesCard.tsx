import { Card, List, Space, Tag, Typography } from 'antd';
import { useFormat, useT } from '../../../i18n';
import type { Identity } from '../api';
import { useIdentityKindLabel } from '../hooks/useIdentityKindLabel';

/** The ids this customer is known by across WeCom, the OA, the Mini Program, the mall. */
export function IdentitiesCard({ identities }: { identities: Identity[] }) {
  const t = useT();
  const format = useFormat();
  const kindLabel = useIdentityKindLabel();
  return (
    <Card size="small" title={t('customers.profile.identities')}>
      <List
        size="small"
        dataSource={identities}
        locale={{ emptyText: t('customers.none') }}
        renderItem={(identity) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  {kindLabel(identity.kind)}
                  {!identity.verified && <Tag>{t('customers.profile.identity.unverified')}</Tag>}
                  {identity.masked && <Tag>{t('customers.profile.identity.masked')}</Tag>}
                </Space>
              }
              description={
                <Space orientation="vertical" size={0}>
                  <Typography.Text code copyable={!identity.masked}>
                    {identity.value}
                  </Typography.Text>
                  {identity.namespace && (
                    <Typography.Text type="secondary">
                      {t('customers.profile.identity.namespace')}: {identity.namespace}
                    </Typography.Text>
                  )}
                  <Typography.Text type="secondary">
                    {t('customers.profile.identity.lastSeen')}:{' '}
                    {format.dateTime(identity.lastSeenAt)}
                  </Typography.Text>
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
