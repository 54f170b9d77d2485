import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useT } from '../../../i18n';
import type { CheckStatus } from '../api';

export const statusColors: Record<CheckStatus, string> = {
  ok: '#52c41a',
  warn: '#faad14',
  fail: '#ff4d4f',
};

const icons = {
  ok: CheckCircleFilled,
  warn: ExclamationCircleFilled,
  fail: CloseCircleFilled,
} as const;

/** ✓ / ! / ✗ in green, orange or red, named for screen readers. */
export function CheckStatusIcon({ status, size = 18 }: { status: CheckStatus; size?: number }) {
  const t = useT();
  const Icon = icons[status];
  return (
    <Icon
      role="img"
      aria-label={t(`doctor.status.${status}`)}
      style={{ color: statusColors[status], fontSize: size }}
    />
  );
}
