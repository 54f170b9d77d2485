import { useT } from '../../../i18n';
import { roles, type Role } from '../permissions';

const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/** The role's name in the current language (an unknown role shows as sent by the server). */
export function useRoleLabel(): (role: string) => string {
  const t = useT();
  return (role) => (isRole(role) ? t(`role.${role}`) : role);
}
