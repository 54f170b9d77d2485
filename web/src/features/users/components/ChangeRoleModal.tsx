import { App, Form } from 'antd';
import { useT } from '../../../i18n';
import { useMemberErrorText } from '../hooks/useMemberErrorText';
import { useSaving } from '../hooks/useSaving';
import type { Role } from '../../workspace/permissions';
import { updateMember, type Member } from '../api';
import { FormModal } from './FormModal';
import { RoleField } from './RoleField';

interface Props {
  slug: string;
  /** The member being edited; the modal is open while this is set. */
  member: Member | null;
  roles: readonly Role[];
  onClose(): void;
  onSaved(): void;
}

export function ChangeRoleModal({ slug, member, roles, onClose, onSaved }: Props) {
  const t = useT();
  const errorText = useMemberErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ role: Role }>();
  const { saving, submit } = useSaving(
    async ({ role }: { role: Role }) => {
      if (!member) return;
      await updateMember(slug, member.id, { role });
      void message.success(t('users.saved'));
      onSaved();
      onClose();
    },
    (error) => void message.error(errorText(error)),
  );

  return (
    <FormModal
      title={member ? t('users.form.changeRoleTitle', { name: member.name }) : ''}
      open={member !== null}
      okText={t('common.save')}
      saving={saving}
      form={form}
      onClose={onClose}
    >
      {member && (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          onFinish={submit}
          initialValues={{ role: member.role }}
        >
          <RoleField roles={roles} />
        </Form>
      )}
    </FormModal>
  );
}
