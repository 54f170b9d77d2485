import { Card, List, Space, Tag, Typography } from 'antd';
import { useFormat, useT, type MessageKey } from '../../../i18n';
import type { Employee, ProfileFollower, ProfileOaSubscription } from '../api';

const followerStatus: Record<string, MessageKey> = {
  active: 'customers.profile.follower.status.active',
  removed_by_customer: 'customers.profile.follower.status.removed_by_customer',
  removed_by_employee: 'customers.profile.follower.status.removed_by_employee',
};

/** The employees who added the customer: remark, channel state, when added or removed. */
export function FollowersCard({
  followers,
  employees,
}: {
  followers: ProfileFollower[];
  employees: Employee[] | undefined;
}) {
  const t = useT();
  const format = useFormat();
  const names = new Map(employees?.map((e) => [e.userId, e.name]));
  return (
    <Card size="small" title={t('customers.profile.followers')}>
      <List
        size="small"
        dataSource={followers}
        locale={{ emptyText: t('customers.profile.followers.none') }}
        renderItem={(f) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  {f.employeeName ?? names.get(f.employeeUserId) ?? f.employeeUserId}
                  <Tag color={f.status === 'active' ? 'green' : 'default'}>
                    {followerStatus[f.status] ? t(followerStatus[f.status]!) : f.status}
                  </Tag>
                </Space>
              }
              description={
                <Space orientation="vertical" size={0}>
                  {f.remark && (
                    <span>
                      {t('customers.profile.follower.remark')}: {f.remark}
                    </span>
                  )}
                  {f.state && (
                    <span>
                      {t('customers.profile.follower.state')}:{' '}
                      <Typography.Text code>{f.state}</Typography.Text>
                    </span>
                  )}
                  <span>
                    {t('customers.profile.follower.added', { date: format.dateTime(f.addedAt) })}
                  </span>
                  {f.removedAt && (
                    <span>
                      {t('customers.profile.follower.removed', {
                        date: format.dateTime(f.removedAt),
                      })}
                    </span>
                  )}
                </Space>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

/** Whether the customer follows the workspace's Official Accounts. */
export function OaCard({ subscriptions }: { subscriptions: ProfileOaSubscription[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Card size="small" title={t('customers.profile.oa')}>
      <List
        size="small"
        dataSource={subscriptions}
        locale={{ emptyText: t('customers.profile.oa.none') }}
        renderItem={(s) => (
          <List.Item>
            <Space orientation="vertical" size={0}>
              <Space size={4}>
                <Typography.Text code>{s.appId}</Typography.Text>
                <Tag color={s.subscribed ? 'green' : 'default'}>
                  {t(
                    s.subscribed
                      ? 'customers.profile.oa.subscribed'
                      : 'customers.profile.oa.unsubscribed',
                  )}
                </Tag>
              </Space>
              {s.subscribedAt && (
                <Typography.Text type="secondary">
                  {t('customers.profile.oa.since', { date: format.dateTime(s.subscribedAt) })}
                </Typography.Text>
              )}
              {!s.subscribed && s.unsubscribedAt && (
                <Typography.Text type="secondary">
                  {t('customers.profile.oa.until', { date: format.dateTime(s.unsubscribedAt) })}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
