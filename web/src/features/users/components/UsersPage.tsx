import { Alert, Button, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useResource } from '../../../api/useResource';
import { useT } from '../../../i18n';
import { useWorkspace } from '../../workspace/hooks/useWorkspace';
import { listMembers, type Member } from '../api';
import { useMemberPolicy } from '../hooks/useMemberPolicy';
import { ChangeRoleModal } from './ChangeRoleModal';
import { CreateUserModal } from './CreateUserModal';
import { MembersTable } from './MembersTable';
import { RolesTable } from './RolesTable';

/** Settings → Users & roles: the workspace's console users and what each role may do. */
export function UsersPage() {
  const t = useT();
  const errorText = useApiErrorText();
  const { slug } = useWorkspace();
  const policy = useMemberPolicy();
  const members = useResource((signal) => listMembers(slug, signal), [slug]);
  const [creating, setCreating] = useState(false);
  const [changingRole, setChangingRole] = useState<Member | null>(null);

  const membersTab = (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {policy.canManage ? (
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      ) : (
        <Alert type="info" showIcon title={t('users.readOnly')} />
      )}
      {members.error !== undefined && (
        <Alert type="error" showIcon title={errorText(members.error)} />
      )}
      <MembersTable
        slug={slug}
        members={members.data}
        loading={members.loading}
        onChangeRole={setChangingRole}
        onChanged={members.reload}
      />
    </Space>
  );

  return (
    <>
      <Typography.Title level={3}>{t('nav.users')}</Typography.Title>
      <Tabs
        items={[
          { key: 'members', label: t('users.tabMembers'), children: membersTab },
          { key: 'roles', label: t('users.tabRoles'), children: <RolesTable slug={slug} /> },
        ]}
      />
      {policy.canManage && (
        <>
          <CreateUserModal
            slug={slug}
            open={creating}
            roles={policy.assignableRoles}
            onClose={() => setCreating(false)}
            onCreated={members.reload}
          />
          <ChangeRoleModal
            slug={slug}
            member={changingRole}
            roles={policy.assignableRoles}
            onClose={() => setChangingRole(null)}
            onSaved={members.reload}
          />
        </>
      )}
    </>
  );
}
