import { Collapse, Form, Input, InputNumber, Radio, Switch } from 'antd';
import { useT, type MessageKey } from '../../../i18n';
import { defaultApiBaseUrls, type Connection, type ConnectionKind } from '../api';
import { needsAesKey, type ConnectionFormValues } from '../connectionForm';
import { generateAesKey, generateToken, maxAgentId } from '../credentials';
import { useConnectionRules } from '../hooks/useConnectionRules';
import { GeneratedInput } from './GeneratedInput';

const idHints: Record<ConnectionKind, MessageKey> = {
  wecom: 'connections.form.corpIdHint',
  oa: 'connections.form.appIdHint.oa',
  miniprogram: 'connections.form.appIdHint.miniprogram',
};

interface Props {
  kind: ConnectionKind;
  /** The connection being edited; null when adding one. */
  editing: Connection | null;
}

/** The fields of one kind of connection. Editing: IDs are fixed, empty credentials are kept. */
export function ConnectionFields({ kind, editing }: Props) {
  const t = useT();
  const rules = useConnectionRules();
  const form = Form.useFormInstance<ConnectionFormValues>();
  const encryptMode = Form.useWatch('encryptMode', form);
  const creating = editing === null;
  const keepHint = creating ? undefined : t('connections.form.keepHint');
  const idField = kind === 'wecom' ? 'corpId' : 'appId';

  return (
    <>
      <Form.Item
        name="appId"
        label={t(`connections.form.${idField}`)}
        extra={creating ? t(idHints[kind]) : undefined}
        rules={creating ? rules[idField] : []}
      >
        <Input
          disabled={!creating}
          autoComplete="off"
          spellCheck={false}
          maxLength={18}
          placeholder={kind === 'wecom' ? 'ww…' : 'wx…'}
        />
      </Form.Item>
      {kind === 'wecom' && (
        <Form.Item
          name="agentId"
          label={t('connections.form.agentId')}
          extra={t('connections.form.agentIdHint')}
          rules={rules.agentId}
        >
          <InputNumber min={1} max={maxAgentId} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      )}
      <Form.Item
        name="secret"
        label={t('connections.form.secret')}
        extra={
          creating
            ? t(`connections.form.secretHint.${kind}`)
            : t('connections.form.secretCurrent', { masked: editing.secretMasked })
        }
        rules={rules.secret(creating)}
      >
        <Input.Password autoComplete="new-password" placeholder={keepHint} maxLength={128} />
      </Form.Item>
      {kind !== 'miniprogram' && (
        <Form.Item
          name="token"
          label={t('connections.form.token')}
          extra={t('connections.form.tokenHint')}
          rules={rules.token(creating)}
        >
          <GeneratedInput generate={generateToken} maxLength={32} placeholder={keepHint} />
        </Form.Item>
      )}
      {kind === 'oa' && (
        <Form.Item
          name="encryptMode"
          label={t('connections.form.encryptMode')}
          extra={t('connections.form.encryptModeHint')}
        >
          <Radio.Group
            options={[
              { value: 'safe', label: t('connections.encrypt.safe') },
              { value: 'plaintext', label: t('connections.encrypt.plaintext') },
            ]}
          />
        </Form.Item>
      )}
      {kind !== 'miniprogram' && (kind === 'wecom' || encryptMode !== 'plaintext') && (
        <Form.Item
          name="aesKey"
          label={t('connections.form.aesKey')}
          extra={t('connections.form.aesKeyHint')}
          rules={rules.aesKey(needsAesKey(kind, encryptMode, editing))}
        >
          <GeneratedInput
            generate={generateAesKey}
            maxLength={43}
            placeholder={editing?.hasAesKey ? keepHint : undefined}
          />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label={t('connections.form.displayName')}
        rules={rules.displayName}
      >
        <Input maxLength={100} placeholder={t('connections.form.displayNameHint')} />
      </Form.Item>
      {!creating && (
        <Form.Item name="enabled" label={t('connections.form.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      )}
      <Collapse
        ghost
        size="small"
        defaultActiveKey={
          editing && editing.apiBaseUrl !== defaultApiBaseUrls[kind] ? ['advanced'] : []
        }
        items={[
          {
            key: 'advanced',
            label: t('connections.form.advanced'),
            forceRender: true,
            children: (
              <Form.Item
                name="apiBaseUrl"
                label={t('connections.form.apiBaseUrl')}
                extra={t('connections.form.apiBaseUrlHint')}
                rules={rules.apiBaseUrl}
              >
                <Input placeholder={defaultApiBaseUrls[kind]} autoComplete="off" />
              </Form.Item>
            ),
          },
        ]}
      />
    </>
  );
}
