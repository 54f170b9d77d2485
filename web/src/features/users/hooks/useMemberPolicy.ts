import { useSignedInSession } from '../../auth/hooks/useSession';
import { useCan } from '../../workspace/hooks/useWorkspace';
import { roles, type Role } from '../../workspace/permissions';
import type { Member } from '../api';

/**
 * What the signed-in user may do to members, so the page shows only actions that will work:
 * managing users needs `users.manage`, and touching the owner role also needs `owners.manage`.
 * Nobody changes, disables or removes themselves here.
 */
export function useMemberPolicy() {
  const can = useCan();
  const { user } = useSignedInSession();
  const canManage = can('users.manage');
  const canManageOwners = canManage && can('owners.manage');
  const assignableRoles: Role[] = roles.filter((role) => role !== 'owner' || canManageOwners);
  return {
    canManage,
    assignableRoles,
    isSelf: (member: Member) => member.id === user.id,
    canChange: (member: Member) =>
      canManage && member.id !== user.id && (member.role !== 'owner' || canManageOwners),
  };
}
