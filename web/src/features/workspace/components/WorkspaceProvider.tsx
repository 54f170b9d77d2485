import { Button, Result } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useResource } from '../../../api/useResource';
import { useT } from '../../../i18n';
import { FullPageSpin } from '../../auth/components/RequireSession';
import { fetchWorkspace } from '../api';
import { rememberWorkspace } from '../lastWorkspace';
import { WorkspaceContext } from '../WorkspaceContext';

/** Loads the workspace of the URL; views below it read it with `useWorkspace()`. */
export function WorkspaceProvider({ slug, children }: { slug: string; children: ReactNode }) {
  const t = useT();
  const errorText = useApiErrorText();
  const workspace = useResource((signal) => fetchWorkspace(slug, signal), [slug]);

  useEffect(() => {
    if (workspace.data) rememberWorkspace(workspace.data.slug);
  }, [workspace.data]);

  if (workspace.data) {
    return <WorkspaceContext value={workspace.data}>{children}</WorkspaceContext>;
  }
  if (workspace.loading) return <FullPageSpin label={t('common.loading')} />;
  const missing =
    isApiError(workspace.error, 'not_found') || isApiError(workspace.error, 'forbidden');
  return (
    <Result
      status={missing ? '404' : 'error'}
      title={missing ? t('workspace.unavailable') : errorText(workspace.error)}
      extra={
        missing ? (
          <Link to="/">{t('workspace.backHome')}</Link>
        ) : (
          <Button onClick={workspace.reload}>{t('common.retry')}</Button>
        )
      }
    />
  );
}
