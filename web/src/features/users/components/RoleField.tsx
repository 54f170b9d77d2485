import { Form, Select } from 'antd';
import { useT } from '../../../i18n';
import { useRoleLabel } from '../../workspace/hooks/useRoleLabel';
import type { Role } from '../../workspace/permissions';

/** The `role` field of a member form: a required choice among the roles this user may grant. */
export function RoleField({ roles }: { roles: readonly Role[] }) {
  const t = useT();
  const roleLabel = useRoleLabel();
  return (
    <Form.Item
      name="role"
      label={t('users.form.role')}
      rules={[{ required: true, message: t('users.form.roleRequired') }]}
    >
      <Select<Role> options={roles.map((role) => ({ value: role, label: roleLabel(role) }))} />
    </Form.Item>
  );
}
