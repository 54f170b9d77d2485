import { App, Form, Input } from 'antd';
import { failedPaths, isApiError } from '../../../api/client';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useT } from '../../../i18n';
import type { Role } from '../../workspace/permissions';
import { createMember, minPasswordLength, type NewMember } from '../api';
import { useSaving } from '../hooks/useSaving';
import { FormModal } from './FormModal';
import { RoleField } from './RoleField';

interface Props {
  slug: string;
  open: boolean;
  roles: readonly Role[];
  onClose(): void;
  onCreated(): void;
}

export function CreateUserModal({ slug, open, roles, onClose, onCreated }: Props) {
  const t = useT();
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewMember>();
  const { saving, submit } = useSaving(
    async (values: NewMember) => {
      const name = values.name.trim();
      const password = values.password ? values.password : undefined;
      await createMember(slug, { ...values, name, email: values.email.trim(), password });
      void message.success(t('users.created', { name }));
      onCreated();
      onClose();
    },
    (error) => {
      if (isApiError(error, 'conflict')) {
        form.setFields([{ name: 'email', errors: [t('users.emailTaken')] }]);
      } else if (
        isApiError(error, 'validation_failed') &&
        failedPaths(error).has('body/password')
      ) {
        form.setFields([{ name: 'password', errors: [t('users.form.passwordRequired')] }]);
      } else {
        void message.error(errorText(error));
      }
    },
  );

  return (
    <FormModal
      title={t('users.form.createTitle')}
      open={open}
      okText={t('common.create')}
      saving={saving}
      form={form}
      onClose={onClose}
    >
      <Form<NewMember>
        form={form}
        layout="vertical"
        name="create-user"
        preserve={false}
        onFinish={submit}
        initialValues={{ role: roles.includes('operator') ? 'operator' : roles[0] }}
      >
        <Form.Item
          name="name"
          label={t('users.form.name')}
          rules={[{ required: true, whitespace: true, message: t('users.form.nameRequired') }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('users.form.email')}
          rules={[
            { required: true, whitespace: true, message: t('users.form.emailRequired') },
            { type: 'email', message: t('users.form.emailInvalid') },
          ]}
        >
          <Input inputMode="email" autoComplete="off" />
        </Form.Item>
        <RoleField roles={roles} />
        <Form.Item
          name="password"
          label={t('users.form.password')}
          extra={t('users.form.passwordHint')}
          rules={[
            {
              min: minPasswordLength,
              message: t('users.form.passwordTooShort', { min: minPasswordLength }),
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
