import { Button, Popconfirm, Space } from 'antd';
import { useApiAction } from '../../../api/useApiAction';
import { useT } from '../../../i18n';
import { resolveConflict, type IdentityConflict } from '../api';

interface Props {
  slug: string;
  conflict: IdentityConflict;
  onResolved(conflict: IdentityConflict): void;
}

/** Merge the two, or keep them apart; each asks for confirmation first. */
export function ConflictActions({ slug, conflict, onResolved }: Props) {
  const t = useT();
  const resolveAs = (action: 'merge' | 'dismiss') => ({
    action,
    label: t(action === 'merge' ? 'identityReview.merge' : 'identityReview.dismiss'),
    confirm: t(
      action === 'merge' ? 'identityReview.confirmMerge' : 'identityReview.confirmDismiss',
    ),
    help: t(
      action === 'merge' ? 'identityReview.confirmMergeHelp' : 'identityReview.confirmDismissHelp',
    ),
  });
  const merge = useApiAction(() => resolveConflict(slug, conflict.id, 'merge'), {
    success: () => t('identityReview.merged'),
    onDone: onResolved,
  });
  const dismiss = useApiAction(() => resolveConflict(slug, conflict.id, 'dismiss'), {
    success: () => t('identityReview.dismissed'),
    onDone: onResolved,
  });
  const busy = merge.running || dismiss.running;

  return (
    <Space wrap>
      {[
        { ...resolveAs('merge'), state: merge, primary: true },
        { ...resolveAs('dismiss'), state: dismiss, primary: false },
      ].map(({ action, label, confirm, help, state, primary }) => (
        <Popconfirm
          key={action}
          title={confirm}
          description={help}
          okText={label}
          cancelText={t('common.cancel')}
          onConfirm={() => state.run()}
        >
          <Button
            type={primary ? 'primary' : 'default'}
            loading={state.running}
            disabled={busy && !state.running}
          >
            {label}
          </Button>
        </Popconfirm>
      ))}
    </Space>
  );
}
