import { Avatar, Badge, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useFormat, useT } from '../../../i18n';
import type { Member } from '../../users/api';
import type { Employee, EmployeeStatus } from '../api';
import { useEmployeeStatusLabel } from '../hooks/useStatusLabel';
import { LinkUserSelect } from './LinkUserSelect';

interface Props {
  slug: string;
  employees: Employee[] | undefined;
  loading: boolean;
  /** Console users to link to; undefined when this user may not list them. */
  members: Member[] | undefined;
  canLink: boolean;
  onLinked(employee: Employee): void;
}

const badgeStatus: Record<EmployeeStatus, 'success' | 'default' | 'warning' | 'error'> = {
  active: 'success',
  inactive: 'warning',
  disabled: 'default',
  resigned: 'error',
};

export function EmployeesTable({ slug, employees, loading, members, canLink, onLinked }: Props) {
  const t = useT();
  const format = useFormat();
  const statusLabel = useEmployeeStatusLabel();
  const memberName = (id: string) => members?.find((m) => m.id === id)?.name;

  const columns: TableColumnsType<Employee> = [
    {
      key: 'name',
      title: t('employees.col.name'),
      render: (_, employee) => (
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          <Avatar size="small" src={employee.avatarUrl ?? undefined} icon={<UserOutlined />} />
          <span>
            {employee.name}
            <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
              {employee.userId}
            </Typography.Text>
          </span>
        </span>
      ),
    },
    { key: 'position', title: t('employees.col.position'), render: (_, e) => e.position ?? '—' },
    {
      key: 'status',
      title: t('employees.col.status'),
      render: (_, e) => <Badge status={badgeStatus[e.status]} text={statusLabel(e.status)} />,
    },
    {
      key: 'customerContact',
      title: t('employees.col.customerContact'),
      render: (_, e) =>
        e.customerContact ? (
          <Tag color="green">{t('employees.contactYes')}</Tag>
        ) : (
          <Tag>{t('employees.contactNo')}</Tag>
        ),
    },
    {
      key: 'customerCount',
      title: t('employees.col.customerCount'),
      align: 'right',
      render: (_, e) => format.number(e.customerCount),
    },
    {
      key: 'user',
      title: t('employees.col.user'),
      render: (_, e) =>
        canLink && members ? (
          <LinkUserSelect slug={slug} employee={e} members={members} onLinked={onLinked} />
        ) : e.userAccountId ? (
          (memberName(e.userAccountId) ?? t('employees.linkedShort'))
        ) : (
          <Typography.Text type="secondary">{t('employees.notLinked')}</Typography.Text>
        ),
    },
    {
      key: 'syncedAt',
      title: t('employees.col.syncedAt'),
      render: (_, e) => format.dateTime(e.syncedAt),
    },
  ];

  return (
    <Table<Employee>
      rowKey="id"
      columns={columns}
      dataSource={employees}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('employees.empty') }}
    />
  );
}
