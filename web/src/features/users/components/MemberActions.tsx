import { App, Button, Popconfirm, Space } from 'antd';
import { useT } from '../../../i18n';
import { useMemberErrorText } from '../hooks/useMemberErrorText';
import { removeMember, updateMember, type Member } from '../api';

interface Props {
  slug: string;
  member: Member;
  onChangeRole(member: Member): void;
  onChanged(): void;
}

/** Change role, disable or enable, remove (with confirmation). */
export function MemberActions({ slug, member, onChangeRole, onChanged }: Props) {
  const t = useT();
  const errorText = useMemberErrorText();
  const { message } = App.useApp();

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      void message.success(done);
      onChanged();
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  const setStatus = (status: Member['status']) =>
    run(() => updateMember(slug, member.id, { status }), t('users.saved'));

  return (
    <Space size={0} wrap>
      <Button type="link" size="small" onClick={() => onChangeRole(member)}>
        {t('users.changeRole')}
      </Button>
      {member.status === 'active' ? (
        <Popconfirm
          title={t('users.confirmDisable', { name: member.name })}
          okText={t('users.disable')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => setStatus('disabled')}
        >
          <Button type="link" size="small">
            {t('users.disable')}
          </Button>
        </Popconfirm>
      ) : (
        <Button type="link" size="small" onClick={() => setStatus('active')}>
          {t('users.enable')}
        </Button>
      )}
      <Popconfirm
        title={t('users.confirmRemove', { name: member.name })}
        okText={t('users.remove')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() =>
          run(() => removeMember(slug, member.id), t('users.removed', { name: member.name }))
        }
      >
        <Button type="link" size="small" danger>
          {t('users.remove')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
