import { Tag, Tooltip } from 'antd';
import { useT, type MessageKey } from '../../../i18n';
import type { Delivery } from '../api';

const looks: Record<string, { color: string; label: MessageKey }> = {
  delivered: { color: 'success', label: 'sandbox.delivery.delivered' },
  no_receiver: { color: 'default', label: 'sandbox.delivery.no_receiver' },
  failed: { color: 'error', label: 'sandbox.delivery.failed' },
  pending: { color: 'processing', label: 'sandbox.delivery.pending' },
  held: { color: 'warning', label: 'sandbox.delivery.held' },
};

/** A callback the sandbox pushed: which event, and whether it reached its receiver. */
export function DeliveryTag({ delivery }: { delivery: Delivery }) {
  const t = useT();
  const look = looks[delivery.status];
  return (
    <Tooltip title={delivery.lastError ?? delivery.receiver}>
      <Tag color={look?.color ?? 'default'}>
        <code>{delivery.event}</code> · {look ? t(look.label) : delivery.status}
      </Tag>
    </Tooltip>
  );
}
