import { Button, Result } from 'antd';
import { Navigate } from 'react-router';
import { useT } from '../i18n';
import { useSession, useSignedInSession } from '../features/auth/hooks/useSession';
import { readLastWorkspace } from '../features/workspace/lastWorkspace';

/** `/` opens the workspace used last on this device, or the first one. */
export function HomeRedirect() {
  const t = useT();
  const { workspaces } = useSignedInSession();
  const { signOut } = useSession();
  const last = readLastWorkspace();
  const target = workspaces.find((w) => w.slug === last) ?? workspaces[0];
  if (target) return <Navigate to={`/w/${encodeURIComponent(target.slug)}`} replace />;
  return (
    <Result
      status="info"
      title={t('workspace.none.title')}
      subTitle={t('workspace.none.hint')}
      extra={<Button onClick={() => void signOut()}>{t('user.logout')}</Button>}
    />
  );
}
