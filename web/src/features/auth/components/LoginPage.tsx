import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useT } from '../../../i18n';
import { BrandMark } from '../../shell/components/BrandMark';
import { LanguageSwitch } from '../../shell/components/LanguageSwitch';
import { useSession } from '../hooks/useSession';
import { FullPageSpin } from './RequireSession';

interface Credentials {
  email: string;
  password: string;
}

/** Where to go after signing in: back to the page that asked for it, never off-site. */
function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}

export function LoginPage() {
  const t = useT();
  const errorText = useApiErrorText();
  const { status, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (status === 'loading') return <FullPageSpin label={t('common.loading')} />;
  if (status === 'signedIn' && !submitting)
    return <Navigate to={returnPath(location.state)} replace />;

  const submit = async ({ email, password }: Credentials) => {
    setSubmitting(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
      navigate(returnPath(location.state), { replace: true });
    } catch (caught) {
      setError(caught);
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <div className="login-language">
        <LanguageSwitch />
      </div>
      <Card className="login-card">
        <div className="login-brand">
          <BrandMark size={40} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
          </div>
        </div>
        <Typography.Title level={4}>{t('login.title')}</Typography.Title>
        {error !== null && (
          <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />
        )}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={submit}>
          <Form.Item
            name="email"
            label={t('login.email')}
            rules={[
              { required: true, whitespace: true, message: t('login.emailRequired') },
              { type: 'email', message: t('login.emailInvalid') },
            ]}
          >
            <Input inputMode="email" autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
