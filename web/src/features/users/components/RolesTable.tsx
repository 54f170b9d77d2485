import { Alert, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useResource } from '../../../api/useResource';
import { useT } from '../../../i18n';
import { usePermissionLabel } from '../../workspace/hooks/usePermissionLabel';
import { useRoleLabel } from '../../workspace/hooks/useRoleLabel';
import { listRoles, type RoleGrant } from '../api';

/** Each role and what it allows, as the server defines them. */
export function RolesTable({ slug }: { slug: string }) {
  const t = useT();
  const errorText = useApiErrorText();
  const roleLabel = useRoleLabel();
  const permissionLabel = usePermissionLabel();
  const roles = useResource((signal) => listRoles(slug, signal), [slug]);

  const columns: TableColumnsType<RoleGrant> = [
    {
      key: 'role',
      title: t('roles.col.role'),
      width: 140,
      render: (_, grant) => <Tag color="blue">{roleLabel(grant.role)}</Tag>,
    },
    {
      key: 'permissions',
      title: t('roles.col.permissions'),
      render: (_, grant) => (
        <Space size={[4, 4]} wrap>
          {grant.permissions.map((permission) => (
            <Tooltip key={permission} title={permission}>
              <Tag>{permissionLabel(permission)}</Tag>
            </Tooltip>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {roles.error !== undefined && <Alert type="error" showIcon title={errorText(roles.error)} />}
      <Table<RoleGrant>
        rowKey="role"
        columns={columns}
        dataSource={roles.data}
        loading={roles.loading}
        pagination={false}
      />
    </Space>
  );
}
