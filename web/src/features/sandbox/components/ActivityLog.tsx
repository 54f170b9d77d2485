import { Card, Empty, List, Space, Typography } from 'antd';
import { useFormat, useT } from '../../../i18n';
import type { ActivityEntry } from '../hooks/useActivity';
import { DeliveryTag } from './DeliveryTag';

/** The actions taken on this page and the callbacks each pushed to Siyu. */
export function ActivityLog({ entries }: { entries: ActivityEntry[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Card
      size="small"
      title={t('sandbox.activity.title')}
      role="region"
      aria-label={t('sandbox.activity.title')}
    >
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sandbox.activity.none')} />
      ) : (
        <List
          size="small"
          dataSource={entries}
          renderItem={(entry) => (
            <List.Item key={entry.id}>
              <Space orientation="vertical" size={2}>
                <Space size={8} wrap>
                  <Typography.Text type="secondary">{format.dateTime(entry.at)}</Typography.Text>
                  <Typography.Text strong>{entry.actor}</Typography.Text>
                  <span>{t(entry.action)}</span>
                </Space>
                {entry.error !== null ? (
                  <Typography.Text type="danger">{entry.error}</Typography.Text>
                ) : entry.deliveries.length > 0 ? (
                  <Space size={[4, 4]} wrap>
                    {entry.deliveries.map((d) => (
                      <DeliveryTag key={d.id} delivery={d} />
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">
                    {t('sandbox.activity.noCallback')}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
