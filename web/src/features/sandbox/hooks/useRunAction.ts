import { App } from 'antd';
import { useCallback } from 'react';
import { useApiErrorText } from '../../../api/useApiErrorText';
import { ApiError } from '../../../api/client';
import { useT, type MessageKey } from '../../../i18n';
import type { ActionResult } from '../api';
import type { ActivityEntry } from './useActivity';

/**
 * Runs a sandbox action: records it in the activity log with the callbacks it pushed, says
 * how it went, and reloads what it changed. Resolves false when the sandbox refused it.
 */
export function useRunAction(
  record: (entry: Omit<ActivityEntry, 'id' | 'at'>) => void,
  onDone: () => void,
) {
  const t = useT();
  const errorText = useApiErrorText();
  const { message } = App.useApp();
  return useCallback(
    async (actor: string, action: MessageKey, call: () => Promise<ActionResult>) => {
      try {
        const result = await call();
        record({ actor, action, deliveries: result.deliveries ?? [], error: null });
        void message.success(t('sandbox.done', { action: t(action) }));
        return true;
      } catch (error) {
        // The sandbox's own refusals ("customer c9 not found", "already a follower") say more
        // than a generic message; they come in English from the simulator.
        const detail =
          error instanceof ApiError && error.status > 0 && error.status < 500
            ? error.message.replace(/^Sandbox: /, '')
            : errorText(error);
        record({ actor, action, deliveries: [], error: detail });
        void message.error(t('sandbox.failed', { action: t(action), detail }));
        return false;
      } finally {
        onDone();
      }
    },
    [t, errorText, message, record, onDone],
  );
}

export type RunAction = ReturnType<typeof useRunAction>;
