import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import { Space, Typography } from 'antd';
import { useFormat, useT } from '../../../i18n';
import type { Connection } from '../api';

/** Whether the platform has verified the callback URL, and when a callback last came. */
export function CallbackVerified({ connection }: { connection: Connection }) {
  const t = useT();
  const format = useFormat();
  if (connection.callbackUrl === null) {
    return <Typography.Text type="secondary">{t('connections.callback.none')}</Typography.Text>;
  }
  if (connection.callbackVerifiedAt === null) {
    return (
      <Space size={4}>
        <ClockCircleOutlined style={{ color: '#faad14' }} />
        <Typography.Text type="warning">{t('connections.callback.notVerified')}</Typography.Text>
      </Space>
    );
  }
  return (
    <Space size={4}>
      <CheckCircleFilled style={{ color: '#52c41a' }} />
      <span>
        {t('connections.callback.verifiedAt', {
          time: format.dateTime(connection.callbackVerifiedAt),
        })}
      </span>
    </Space>
  );
}

export function LastCallback({ connection }: { connection: Connection }) {
  const t = useT();
  const format = useFormat();
  if (connection.callbackUrl === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (connection.lastCallbackAt === null) {
    return <Typography.Text type="secondary">{t('connections.callback.noneYet')}</Typography.Text>;
  }
  return <>{format.dateTime(connection.lastCallbackAt)}</>;
}
