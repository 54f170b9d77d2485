import { Button, Popconfirm } from 'antd';
import { useApiAction } from '../../../api/useApiAction';
import { useT } from '../../../i18n';
import { undoMerge, type Merge } from '../api';

/** Undo a merge, after confirmation: the merged-away person gets back what is theirs. */
export function UndoMergeButton({
  slug,
  merge,
  onUndone,
}: {
  slug: string;
  merge: Merge;
  onUndone(merge: Merge): void;
}) {
  const t = useT();
  const undo = useApiAction(() => undoMerge(slug, merge.id), {
    success: () => t('identityReview.undone'),
    onDone: onUndone,
  });
  return (
    <Popconfirm
      title={t('identityReview.confirmUndo')}
      description={t('identityReview.confirmUndoHelp')}
      okText={t('identityReview.undo')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={() => undo.run()}
    >
      <Button danger loading={undo.running}>
        {t('identityReview.undo')}
      </Button>
    </Popconfirm>
  );
}
