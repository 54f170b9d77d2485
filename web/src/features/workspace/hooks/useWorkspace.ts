import { useContext } from 'react';
import type { Permission } from '../permissions';
import { WorkspaceContext } from '../WorkspaceContext';

/** The workspace named in the URL (`/w/:slug/…`), with the user's role and permissions in it. */
export function useWorkspace() {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace must be used inside <WorkspaceProvider>');
  return workspace;
}

export function useCan(): (permission: Permission) => boolean {
  const { permissions } = useWorkspace();
  return (permission) => permissions.includes(permission);
}
