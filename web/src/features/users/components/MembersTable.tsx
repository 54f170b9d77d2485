import { Badge, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useFormat, useT } from '../../../i18n';
import { useRoleLabel } from '../../workspace/hooks/useRoleLabel';
import type { Member } from '../api';
import { useMemberPolicy } from '../hooks/useMemberPolicy';
import { MemberActions } from './MemberActions';

interface Props {
  slug: string;
  members: Member[] | undefined;
  loading: boolean;
  onChangeRole(member: Member): void;
  onChanged(): void;
}

export function MembersTable({ slug, members, loading, onChangeRole, onChanged }: Props) {
  const t = useT();
  const format = useFormat();
  const roleLabel = useRoleLabel();
  const policy = useMemberPolicy();

  const columns: TableColumnsType<Member> = [
    {
      key: 'name',
      title: t('users.col.name'),
      render: (_, member) => (
        <>
          {member.name}
          {policy.isSelf(member) && <Tag style={{ marginInlineStart: 8 }}>{t('users.you')}</Tag>}
        </>
      ),
    },
    { key: 'email', dataIndex: 'email', title: t('users.col.email') },
    {
      key: 'role',
      title: t('users.col.role'),
      render: (_, member) => (
        <Tag color={member.role === 'owner' ? 'gold' : 'blue'}>{roleLabel(member.role)}</Tag>
      ),
    },
    {
      key: 'status',
      title: t('users.col.status'),
      render: (_, member) =>
        member.status === 'active' ? (
          <Badge status="success" text={t('users.status.active')} />
        ) : (
          <Badge status="default" text={t('users.status.disabled')} />
        ),
    },
    {
      key: 'lastLogin',
      title: t('users.col.lastLogin'),
      render: (_, member) =>
        member.lastLoginAt === null ? (
          <Typography.Text type="secondary">{t('users.never')}</Typography.Text>
        ) : (
          format.dateTime(member.lastLoginAt)
        ),
    },
  ];
  if (policy.canManage) {
    columns.push({
      key: 'actions',
      title: t('users.col.actions'),
      render: (_, member) =>
        policy.canChange(member) && (
          <MemberActions
            slug={slug}
            member={member}
            onChangeRole={onChangeRole}
            onChanged={onChanged}
          />
        ),
    });
  }

  return (
    <Table<Member>
      rowKey="id"
      columns={columns}
      dataSource={members}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
