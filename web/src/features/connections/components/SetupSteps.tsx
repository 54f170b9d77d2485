import { Steps } from 'antd';
import { useT, type MessageKey } from '../../../i18n';
import type { Connection, ConnectionKind } from '../api';

/** Where each value goes in the WeCom / WeChat admin, step by step. */
const steps: Record<ConnectionKind, { title: MessageKey; text: MessageKey }[]> = {
  wecom: [
    { title: 'connections.steps.wecom.app.title', text: 'connections.steps.wecom.app.text' },
    {
      title: 'connections.steps.wecom.receive.title',
      text: 'connections.steps.wecom.receive.text',
    },
    {
      title: 'connections.steps.wecom.contact.title',
      text: 'connections.steps.wecom.contact.text',
    },
    { title: 'connections.steps.wecom.ip.title', text: 'connections.steps.wecom.ip.text' },
    {
      title: 'connections.steps.wecom.employees.title',
      text: 'connections.steps.wecom.employees.text',
    },
  ],
  oa: [
    { title: 'connections.steps.oa.basic.title', text: 'connections.steps.oa.basic.text' },
    { title: 'connections.steps.oa.server.title', text: 'connections.steps.oa.server.text' },
    { title: 'connections.steps.oa.ip.title', text: 'connections.steps.oa.ip.text' },
  ],
  miniprogram: [
    { title: 'connections.steps.miniprogram.title', text: 'connections.steps.miniprogram.text' },
  ],
};

export function SetupSteps({ connection }: { connection: Connection }) {
  const t = useT();
  const mode =
    connection.encryptMode === 'safe'
      ? t('connections.encrypt.safe')
      : t('connections.encrypt.plaintext');
  return (
    <Steps
      orientation="vertical"
      size="small"
      current={-1}
      items={steps[connection.kind].map((step) => ({
        title: t(step.title),
        content: t(step.text, { mode }),
        status: 'process' as const,
      }))}
    />
  );
}
