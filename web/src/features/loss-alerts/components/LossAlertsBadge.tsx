import { Badge } from 'antd';
import { useCan } from '../../workspace/hooks/useWorkspace';
import { badgeLimit, useOpenLossAlertCount } from '../openCount';

/** The number of open loss alerts, beside the menu entry. */
export function LossAlertsBadge({ slug }: { slug: string }) {
  const count = useOpenLossAlertCount(slug, useCan()('customers.read'));
  if (!count) return null;
  return (
    <Badge
      count={count}
      overflowCount={badgeLimit}
      size="small"
      style={{ marginInlineStart: 8, boxShadow: 'none' }}
    />
  );
}
