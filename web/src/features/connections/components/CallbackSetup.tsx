import { Alert, Descriptions, Space, Typography } from 'antd';
import { useFormat, useT } from '../../../i18n';
import type { Connection } from '../api';
import type { FreshCredentials } from '../connectionForm';
import { CopyableValue } from './CopyableValue';
import { SetupSteps } from './SetupSteps';

interface Props {
  connection: Connection;
  /** The Token / EncodingAESKey just typed (shown this once: the server never returns them). */
  fresh: FreshCredentials | null;
}

/** The values to paste into the WeCom / WeChat admin, with the steps to get there. */
export function CallbackSetup({ connection, fresh }: Props) {
  const t = useT();
  const format = useFormat();
  const hasCallback = connection.callbackUrl !== null;
  const warning = connection.callbackUrlWarning;
  const items = [];
  if (connection.callbackUrl !== null) {
    items.push({
      key: 'url',
      label: t('connections.setup.callbackUrl'),
      children: (
        <CopyableValue value={connection.callbackUrl} label={t('connections.setup.callbackUrl')} />
      ),
    });
    items.push({
      key: 'token',
      label: t('connections.form.token'),
      children: fresh?.token ? (
        <CopyableValue value={fresh.token} label={t('connections.form.token')} />
      ) : (
        <Typography.Text type="secondary">{t('connections.setup.notShown')}</Typography.Text>
      ),
    });
    if (connection.encryptMode === 'safe') {
      items.push({
        key: 'aesKey',
        label: t('connections.form.aesKey'),
        children: fresh?.aesKey ? (
          <CopyableValue value={fresh.aesKey} label={t('connections.form.aesKey')} />
        ) : (
          <Typography.Text type="secondary">{t('connections.setup.notShown')}</Typography.Text>
        ),
      });
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {hasCallback && warning && (
        <Alert
          type="warning"
          showIcon
          title={t(`connections.warning.${warning.code}`)}
          description={t('connections.warning.hint')}
        />
      )}
      {hasCallback && (fresh?.token || fresh?.aesKey) && (
        <Alert type="info" showIcon title={t('connections.setup.freshNote')} />
      )}
      {hasCallback ? (
        <Descriptions bordered size="small" column={1} items={items} />
      ) : (
        <Typography.Paragraph>{t('connections.setup.noCallback')}</Typography.Paragraph>
      )}
      {hasCallback && (
        <Typography.Text type={connection.callbackVerifiedAt ? 'success' : 'warning'}>
          {connection.callbackVerifiedAt
            ? t('connections.callback.verifiedAt', {
                time: format.dateTime(connection.callbackVerifiedAt),
              })
            : t('connections.setup.waiting')}
        </Typography.Text>
      )}
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('connections.setup.stepsTitle')}
      </Typography.Title>
      <SetupSteps connection={connection} />
    </Space>
  );
}
