import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useT } from '../../../i18n';
import { useSession } from '../hooks/useSession';

/** Renders its children for a signed-in user; otherwise sends them to the login page and back. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  const t = useT();
  if (status === 'loading') return <FullPageSpin label={t('common.loading')} />;
  if (status === 'signedOut') {
    const from = location.pathname + location.search;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  return children;
}

export function FullPageSpin({ label }: { label: string }) {
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
      <Spin size="large" description={label} />
    </div>
  );
}
