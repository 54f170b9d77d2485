import { useCallback } from 'react';
import { isApiError } from '../../../api/client';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { useT } from '../../../i18n';
import type { ConnectionKind } from '../api';

/** A workspace has one WeCom connection and one connection per AppID: say which it is. */
export function useConnectionErrorText(): (error: unknown, kind: ConnectionKind) => string {
  const t = useT();
  const errorText = useApiErrorText();
  return useCallback(
    (error: unknown, kind: ConnectionKind) => {
      if (!isApiError(error, 'conflict')) return errorText(error);
      return kind === 'wecom' ? t('connections.wecomExists') : t('connections.appIdExists');
    },
    [t, errorText],
  );
}
