import { useT } from '../../../i18n';
import { useSourceLabel } from '../../customers/hooks/useSourceLabel';
import type { Merge, ShownIdentity } from '../api';
import { useIdentityLabels } from './useIdentityLabels';

/** Why two customers were merged, in one sentence of the current language. */
export function useMergeSummary(): (merge: Merge) => string {
  const t = useT();
  const labels = useIdentityLabels();
  const source = useSourceLabel();
  const identity = (shown: ShownIdentity | null) =>
    shown ? labels.identity(shown) : t('identityReview.summary.anIdentity');
  return (merge) => {
    const { cause } = merge;
    const head =
      cause.reason === 'manual'
        ? t('identityReview.summary.manual', { by: merge.mergedBy })
        : t('identityReview.summary.identity', {
            source: source(cause.source),
            event: cause.event ? t('identityReview.summary.event', { type: cause.event.type }) : '',
            loser: identity(cause.loserIdentity),
            winner: identity(cause.identity),
          });
    return merge.undoneAt
      ? head + t('identityReview.summary.undone', { by: merge.undoneBy ?? '' })
      : head;
  };
}
