import { App, Avatar, Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { isLocale, locales, useI18n } from '../../../i18n';
import { useSession, useSignedInSession } from '../../auth/hooks/useSession';

/** The signed-in user: name and email, the language saved in their profile, sign out. */
export function UserMenu() {
  const { t, locale } = useI18n();
  const { user } = useSignedInSession();
  const { signOut, changeLocale } = useSession();
  const { message } = App.useApp();
  const errorText = useApiErrorText();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    { key: 'who', label: user.email, disabled: true },
    { type: 'divider' },
    {
      key: 'language',
      label: t('user.language'),
      children: locales.map((value) => ({ key: `locale:${value}`, label: t(`lang.${value}`) })),
    },
    { key: 'logout', label: t('user.logout'), danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'logout') {
      signOut()
        .catch((error: unknown) => message.error(errorText(error)))
        .finally(() => navigate('/login', { replace: true }));
      return;
    }
    const next = key.startsWith('locale:') ? key.slice('locale:'.length) : null;
    if (isLocale(next)) {
      changeLocale(next).catch((error: unknown) => message.error(errorText(error)));
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, onClick, selectable: true, selectedKeys: [`locale:${locale}`] }}
    >
      <Button type="text" aria-label={user.name} className="user-menu-button">
        <Avatar size="small" style={{ backgroundColor: '#07c160' }}>
          {Array.from(user.name.trim())[0]?.toUpperCase() ?? '?'}
        </Avatar>
        <span className="user-menu-name">{user.name}</span>
      </Button>
    </Dropdown>
  );
}
