import { Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useFormat, useT } from '../../../i18n';
import { useWorkspacePath } from '../../shell/hooks/useWorkspacePath';
import type { CustomerListItem, Employee } from '../api';
import { CustomerName } from './CustomerName';

interface Props {
  items: CustomerListItem[];
  loading: boolean;
  employees: Employee[] | undefined;
}

export function CustomersTable({ items, loading, employees }: Props) {
  const t = useT();
  const format = useFormat();
  const { to } = useWorkspacePath();
  const names = new Map(employees?.map((e) => [e.userId, e.name]));

  const columns: TableColumnsType<CustomerListItem> = [
    {
      key: 'customer',
      title: t('customers.col.customer'),
      render: (_, c) => (
        <Link to={to(`customers/${encodeURIComponent(c.id)}`)}>
          <CustomerName name={c.displayName} avatarUrl={c.avatarUrl} />
        </Link>
      ),
    },
    {
      key: 'tags',
      title: t('customers.col.tags'),
      render: (_, c) => c.tags.map((tag) => <Tag key={tag.id}>{tag.name}</Tag>),
    },
    {
      key: 'followers',
      title: t('customers.col.followers'),
      render: (_, c) =>
        c.followers.map((f) => (
          <Tag key={f.employeeUserId} color={f.status === 'active' ? 'blue' : undefined}>
            {names.get(f.employeeUserId) ?? f.employeeUserId}
            {f.remark ? ` · ${f.remark}` : ''}
          </Tag>
        )),
    },
    {
      key: 'addedAt',
      title: t('customers.col.addedAt'),
      render: (_, c) =>
        c.addedAt ? (
          format.dateTime(c.addedAt)
        ) : (
          <Typography.Text type="secondary">{t('customers.none')}</Typography.Text>
        ),
    },
    {
      key: 'followsOa',
      title: t('customers.col.followsOa'),
      render: (_, c) => (c.followsOa ? t('customers.yes') : t('customers.no')),
    },
  ];

  return (
    <Table
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      locale={{ emptyText: t('customers.empty') }}
    />
  );
}
