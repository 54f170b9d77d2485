import { UserOutlined } from '@ant-design/icons';
import { Avatar, Space } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../i18n';

/** Avatar and name (or “unnamed”) of a customer. */
export function CustomerName({
  name,
  avatarUrl,
  size,
  children,
}: {
  name: string | null;
  avatarUrl: string | null;
  size?: number;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Space>
      <Avatar src={avatarUrl ?? undefined} icon={<UserOutlined />} size={size} />
      <span>{name ?? t('customers.unnamed')}</span>
      {children}
    </Space>
  );
}
