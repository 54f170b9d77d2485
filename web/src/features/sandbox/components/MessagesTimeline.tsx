import { Alert, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useResource } from '../../../api/useResource';
import { useFormat, useT, type MessageKey } from '../../../i18n';
import { listMessages, type ReceivedMessage, type SandboxEmployee } from '../api';

const channels: Record<string, MessageKey> = {
  wecom_welcome: 'sandbox.channel.wecom_welcome',
  wecom_mass: 'sandbox.channel.wecom_mass',
  wecom_group_mass: 'sandbox.channel.wecom_group_mass',
  wecom_moment: 'sandbox.channel.wecom_moment',
  oa_custom: 'sandbox.channel.oa_custom',
  oa_template: 'sandbox.channel.oa_template',
  oa_passive_reply: 'sandbox.channel.oa_passive_reply',
  kf: 'sandbox.channel.kf',
};

interface Props {
  slug: string;
  customerId: string;
  employees: SandboxEmployee[];
  /** Changes after every action, to load the messages again. */
  version: number;
}

/** What the simulated customer received in WeChat, oldest first. */
export function MessagesTimeline({ slug, customerId, employees, version }: Props) {
  const t = useT();
  const format = useFormat();
  const errorText = useApiErrorText();
  const messages = useResource(
    (signal) => listMessages(slug, customerId, signal),
    [slug, customerId, version],
  );
  const names = new Map(employees.map((e) => [e.userid, e.name]));

  const sender = (message: ReceivedMessage): string => {
    const from = message.from;
    switch (from.kind) {
      case 'employee':
      case 'group':
        return names.get(from.userid ?? '') ?? from.userid ?? '';
      case 'oa':
        return t('sandbox.sender.oa');
      case 'kf':
        return t('sandbox.sender.kf');
      default:
        return '';
    }
  };

  if (messages.error !== undefined) {
    return <Alert type="error" showIcon title={errorText(messages.error)} />;
  }
  if (messages.data?.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sandbox.messages.none')} />;
  }
  return (
    <Timeline
      className="sandbox-timeline"
      items={(messages.data ?? []).map((message) => ({
        key: message.id,
        title: format.dateTime(message.at),
        content: (
          <Space orientation="vertical" size={2}>
            <Space size={4} wrap>
              <Tag>
                {channels[message.channel] ? t(channels[message.channel]!) : message.channel}
              </Tag>
              <Typography.Text type="secondary">{sender(message)}</Typography.Text>
            </Space>
            <Typography.Text>{message.text || `[${message.msgtype}]`}</Typography.Text>
            {message.links.map((link) => (
              <Typography.Link key={link} href={link} target="_blank" rel="noreferrer">
                {link}
              </Typography.Link>
            ))}
          </Space>
        ),
      }))}
    />
  );
}
