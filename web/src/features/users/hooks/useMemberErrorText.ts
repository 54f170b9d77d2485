import { useCallback } from 'react';
import { isApiError } from '../../../api/client';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useT } from '../../../i18n';

/** Changing or removing a member conflicts only when it would leave no active owner. */
export function useMemberErrorText(): (error: unknown) => string {
  const t = useT();
  const errorText = useApiErrorText();
  return useCallback(
    (error: unknown) => (isApiError(error, 'conflict') ? t('users.lastOwner') : errorText(error)),
    [t, errorText],
  );
}
