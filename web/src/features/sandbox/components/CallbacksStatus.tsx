import { Alert, App, Button } from 'antd';
import { useState } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useT } from '../../../i18n';
import { connectCallbacks, type SandboxMode } from '../api';

interface Props {
  slug: string;
  mode: Extract<SandboxMode, { enabled: true }>;
  canAct: boolean;
  onConnected(): void;
}

/**
 * Whether the sandbox pushes its callbacks to this workspace; if not, one button does what an
 * admin does in the WeCom admin (save the URL, Token and EncodingAESKey; the URL is verified).
 */
export function CallbacksStatus({ slug, mode, canAct, onConnected }: Props) {
  const t = useT();
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const routes = [mode.callbacks.wecom, mode.callbacks.oa].filter((r) => r !== null);
  const allHere = routes.every((r) => r === 'here');

  const connect = async () => {
    setBusy(true);
    try {
      const receivers = await connectCallbacks(slug);
      const failed = receivers.filter((r) => !r.ok);
      if (failed.length === 0) void message.success(t('sandbox.callbacks.connected'));
      else
        void message.error(
          t('sandbox.callbacks.failed', {
            detail: failed.map((r) => `${r.key}: ${r.error}`).join('; '),
          }),
        );
      onConnected();
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  if (allHere) {
    return <Alert type="success" showIcon title={t('sandbox.callbacks.here')} />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      title={
        mode.callbacks.wecom === 'elsewhere'
          ? t('sandbox.callbacks.elsewhere')
          : t('sandbox.callbacks.none')
      }
      description={t('sandbox.callbacks.hint')}
      action={
        canAct && (
          <Button size="small" type="primary" loading={busy} onClick={() => void connect()}>
            {t('sandbox.callbacks.connect')}
          </Button>
        )
      }
    />
  );
}
