import { useT } from '../../../i18n';
import { permissions, type Permission } from '../permissions';

const isPermission = (value: string): value is Permission =>
  (permissions as readonly string[]).includes(value);

/**
 * What a permission allows, in the current language (an unknown one shows its code). The
 * `permission.${…}` key type-checks only while every permission of the server's catalog has
 * a description in the dictionaries.
 */
export function usePermissionLabel(): (permission: string) => string {
  const t = useT();
  return (permission) => (isPermission(permission) ? t(`permission.${permission}`) : permission);
}
