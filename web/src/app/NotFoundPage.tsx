import { Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n';

export function NotFoundPage({ home = '/' }: { home?: string }) {
  const t = useT();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={<Link to={home}>{t('workspace.backHome')}</Link>}
    />
  );
}
