import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { useCan } from '../features/workspace/hooks/useWorkspace';
import type { Permission } from '../features/workspace/permissions';

/** A page the user may not open says so instead of showing empty or failing requests. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const t = useT();
  const can = useCan();
  if (!can(permission)) return <Result status="403" title={t('errors.forbidden')} />;
  return children;
}
